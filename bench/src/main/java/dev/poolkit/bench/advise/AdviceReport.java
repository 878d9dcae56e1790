package dev.poolkit.bench.advise;

import dev.poolkit.bench.Json;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The advice as a table, ADVICE.md, advice.json, the size histogram (CSV) and advice.png. */
final class AdviceReport {
    static final String MARKDOWN = "ADVICE.md";
    static final String JSON = "advice.json";
    static final String CSV = "sizes.csv";
    static final String CHART = "advice.png";

    private AdviceReport() {
    }

    static void writeAll(Advice a, SizeHistogram h, Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve(JSON), a);
        Files.writeString(dir.resolve(CSV), h.csv(), StandardCharsets.UTF_8);
        String chartError = chart(a, h, dir);
        Files.writeString(dir.resolve(MARKDOWN), markdown(a, chartError), StandardCharsets.UTF_8);
    }

    static String table(Advice a) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %8s %-17s %10s %12s%n", "class",
                "capacity", "share", "requests", "max waste", "reserved"));
        for (Advice.ClassAdvice c : a.classes()) {
            sb.append(String.format(Locale.ROOT, "%-10s %9d %7.1f%% %-17s %9.1f%% %12s%n", bytes(c.blockSize()),
                    c.capacity(), 100 * c.share(), c.smallest() + "-" + c.largest() + " B", 100 * c.worstWaste(),
                    mib(c.blockSize() * (long) c.capacity())));
        }
        return sb.toString();
    }

    static String summary(Advice a) {
        Advice.Single s = a.single();
        return String.format(Locale.ROOT, "%d class(es) reserve %s (mean round-up waste %,.1f%%); one blockSize of %s"
                        + " for every request would reserve %s (%d x %s, mean waste %,.1f%%): %s.",
                a.classes().size(), mib(a.reservedBytes()), 100 * a.meanWaste(), bytes(s.blockSize()),
                mib(s.reservedBytes()), s.capacity(), bytes(s.blockSize()), 100 * s.meanWaste(),
                s.reservedBytes() == 0 ? "-" : String.format(Locale.ROOT, "the classes need %.2fx its memory",
                        (double) a.reservedBytes() / s.reservedBytes()));
    }

    static String markdown(Advice a, String chartError) {
        StringBuilder sb = new StringBuilder("# Poolkit sizing advice\n\n");
        sb.append(String.format(Locale.ROOT, "From `%s`: %s, standing for about %,.0f requests.%n%n", a.recording(),
                a.source(), a.requests()));
        sb.append(String.format(Locale.ROOT, "Every request rounds up by at most %.1f%% of its size (the bound); among"
                        + " the class sets that keep it, this one reserves the least memory. Capacities are sized for"
                        + " a peak of %,d blocks in use (%s): each class gets the blocks it holds at that peak on"
                        + " average plus three standard deviations, plus %.0f%% headroom.%n%n",
                100 * a.wasteBound(), a.peakInUse(), a.peakSource(), 100 * a.headroom()));
        sb.append("| class | capacity | share of requests | requests served | worst waste | reserved |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Advice.ClassAdvice c : a.classes()) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.1f%% | %,d-%,d B | %.1f%% | %s |%n",
                    bytes(c.blockSize()), c.capacity(), 100 * c.share(), c.smallest(), c.largest(),
                    100 * c.worstWaste(), mib(c.blockSize() * (long) c.capacity())));
        }
        sb.append('\n').append(summary(a)).append("\n\n");
        sb.append("## Paste\n\n```java\n").append(a.javaCode()).append("\n```\n\n");
        sb.append("Echo server: `").append(a.echoFlags()).append("`\n\n");
        sb.append("Then check it by measurement: `./poolkit sweep --class-sets` with this set beside your current"
                + " one (see docs/bench.md).\n\n");
        sb.append("## About the data\n\n");
        a.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append('\n').append(chartError == null ? "![" + CHART + "](" + CHART + ")\n"
                : "- chart not drawn: " + chartError + "\n");
        return sb.toString();
    }

    /** Returns null when drawn, else what went wrong. */
    private static String chart(Advice a, SizeHistogram h, Path dir) {
        try {
            System.setProperty("java.awt.headless", "true");
            XYChart c = new XYChartBuilder().width(1100).height(600)
                    .title("Request sizes and the recommended classes")
                    .xAxisTitle("request size, bytes (log scale, 8 bins per doubling; dashed: the classes)")
                    .yAxisTitle("share of requests per bin, %").build();
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            // Log-spaced bins, eight per doubling, so a mix from 64 B to 64 KiB stays readable.
            Map<Integer, Double> w = h.weights();
            double total = h.total();
            java.util.TreeMap<Integer, Double> bins = new java.util.TreeMap<>();
            for (Map.Entry<Integer, Double> e : w.entrySet()) {
                // Bins (lo, hi]: a size on a power of two ends its bin, so a class line at that size
                // stands at the right edge of the requests it serves.
                int bin = (int) Math.ceil(8 * Math.log(Math.max(1, e.getKey())) / Math.log(2) - 1e-9) - 1;
                bins.merge(bin, e.getValue(), Double::sum);
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            double ymax = 0;
            for (Map.Entry<Integer, Double> e : bins.entrySet()) {
                double lo = Math.pow(2, e.getKey() / 8.0);
                double hi = Math.pow(2, (e.getKey() + 1) / 8.0);
                double v = 100 * e.getValue() / total;
                ymax = Math.max(ymax, v);
                x.add(lo);
                y.add(0.0);
                x.add(lo);
                y.add(v);
                x.add(hi);
                y.add(v);
                x.add(hi);
                y.add(0.0);
            }
            XYSeries hist = c.addSeries("requests", x, y);
            hist.setMarker(SeriesMarkers.NONE);
            hist.setFillColor(new Color(70, 130, 180, 160));
            hist.setLineColor(new Color(70, 130, 180));
            for (Advice.ClassAdvice k : a.classes()) {
                XYSeries line = c.addSeries(String.format(Locale.ROOT, "class %s x %d", bytes(k.blockSize()), k.capacity()),
                        new double[] {k.blockSize(), k.blockSize()}, new double[] {0, ymax * 1.05});
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(new Color(200, 60, 40));
                line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
            BitmapEncoder.saveBitmap(c, dir.resolve("advice").toString(), BitmapEncoder.BitmapFormat.PNG);
            return null;
        } catch (Exception | Error e) { // AWT without fonts throws Errors; the report must still be written
            return e.toString();
        }
    }

    static String bytes(long b) {
        if (b >= 1024 && b % 1024 == 0) {
            return (b / 1024) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", b);
    }

    static String mib(long b) {
        return String.format(Locale.ROOT, "%,.2f MiB", b / 1048576.0);
    }
}
