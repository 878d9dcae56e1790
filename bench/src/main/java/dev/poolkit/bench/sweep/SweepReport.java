package dev.poolkit.bench.sweep;

import dev.poolkit.bench.Json;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** sweep.json, SWEEP.md and sweep.png (throughput against reserved memory, one series per backend). */
final class SweepReport {
    static final String JSON = "sweep.json";
    static final String MARKDOWN = "SWEEP.md";
    static final String CHART = "sweep.png";

    private SweepReport() {
    }

    static void writeAll(SweepResults r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve(JSON), r);
        String chartError = chart(r, dir);
        Files.writeString(dir.resolve(MARKDOWN), markdown(r, chartError), StandardCharsets.UTF_8);
    }

    static String markdown(SweepResults r, String chartError) {
        StringBuilder sb = new StringBuilder("# Poolkit sizing sweep\n\n");
        sb.append(String.format("`%s` on %s, %s, %s. Load: %s. Server: %d event loop(s), %s; one fresh server per"
                        + " cell, cells in a random order per round (seed %d).%n%n", r.command(),
                r.environment().date(), r.environment().jdk(), r.environment().cpuWords(), r.load(),
                r.serverThreads(), String.join(" ", r.serverJvmArgs()), r.scheduleSeed()));
        sb.append("## Recommendation\n\n").append(recommendations(r)).append('\n');
        sb.append("## Every configuration\n\n").append(table(r.points())).append('\n');
        sb.append(chartError == null ? "![" + CHART + "](" + CHART + ")\n" : "- chart not drawn: " + chartError + "\n");
        return sb.toString();
    }

    static String recommendations(SweepResults r) {
        StringBuilder sb = new StringBuilder();
        for (Recommendation rec : r.recommendations()) {
            sb.append("**").append(rec.scope()).append("**: ").append(rec.choice() == null ? "no recommendation"
                    : Recommender.cell(rec.choice()) + " (" + Recommender.mib(rec.choice()) + ")").append("\n\n");
            rec.reasons().forEach(line -> sb.append("- ").append(line).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }

    static String table(List<SweepPoint> points) {
        StringBuilder sb = new StringBuilder(
                "| backend | blockSize | poolSize | reserved | msg/s | p99 us | high water | exhaustions | misses | errors |\n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (SweepPoint p : points) {
            if (p.failure() != null) {
                sb.append(String.format("| %s | %s | %,d | %s | failed: %s | | | | | |%n", p.backend(), blockCol(p),
                        p.poolSize(), Recommender.mib(p), p.failure().lines().findFirst().orElse("")
                                .replace("|", "\\|")));
                continue;
            }
            sb.append(String.format("| %s | %s | %,d | %s | %,.0f | %,.0f | %s | %s | %s | %d |%n", p.backend(),
                    blockCol(p), p.poolSize(), Recommender.mib(p), p.msgPerSec(), p.p99Us(), opt(p.highWater()),
                    opt(p.exhaustions()), opt(p.misses()), p.errors()));
        }
        return sb.toString();
    }

    /** The block size, or for a class set its classes and their counts. */
    private static String blockCol(SweepPoint p) {
        return p.isClassSet() ? "classes " + p.classSet() : String.format("%,d", p.blockSize());
    }

    private static String opt(Long v) {
        return v == null ? "-" : String.format("%,d", v);
    }

    /** One series per backend, and one more for its size-class sets. */
    private static String series(SweepPoint p) {
        return p.isClassSet() ? p.backend() + " (size classes)" : p.backend();
    }

    /** Returns null when drawn, else what went wrong (the rest of the report is still written). */
    private static String chart(SweepResults r, Path dir) {
        try {
            System.setProperty("java.awt.headless", "true");
            XYChart c = new XYChartBuilder().width(1100).height(600)
                    .title("Throughput against reserved memory - " + r.environment().stamp())
                    .xAxisTitle("pool memory reserved, MiB (log scale; " + r.load() + ")")
                    .yAxisTitle("messages per second").build();
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setMarkerSize(10);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            Set<String> backends = new LinkedHashSet<>();
            r.points().forEach(p -> backends.add(series(p)));
            boolean any = false;
            for (String b : backends) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                r.points().stream().filter(p -> series(p).equals(b) && p.usable() && p.slabBytes() > 0).forEach(p -> {
                    x.add(p.slabMiB());
                    y.add(p.msgPerSec());
                });
                if (!x.isEmpty()) {
                    c.addSeries(b, x, y);
                    any = true;
                }
            }
            if (!any) {
                return "no usable configuration to plot";
            }
            BitmapEncoder.saveBitmap(c, dir.resolve("sweep").toString(), BitmapEncoder.BitmapFormat.PNG);
            return null;
        } catch (Exception | Error e) { // AWT without fonts throws Errors; the report must still be written
            return e.toString();
        }
    }
}
