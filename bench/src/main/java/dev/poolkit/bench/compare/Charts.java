package dev.poolkit.bench.compare;

import dev.poolkit.bench.load.LatencySummary;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The report's PNG charts, drawn with XChart. Each title carries the JDK, CPU count and date, and
 * each axis title the settings, so a chart copied out of the report still says what it shows.
 */
final class Charts {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 600;

    private Charts() {
    }

    /** Draws every chart it has data for; failures (e.g. no fonts on a headless box) go to {@code errors}. */
    static void writeAll(CompareResults r, Path dir, List<Path> written, List<String> errors) {
        System.setProperty("java.awt.headless", "true");
        save(jmhPairs(r), dir.resolve("jmh-pair"), written, errors);
        save(echoThroughput(r), dir.resolve("echo-throughput"), written, errors);
        save(echoLatency(r), dir.resolve("echo-latency"), written, errors);
        save(latencyVsThroughput(r), dir.resolve("latency-vs-throughput"), written, errors);
    }

    /**
     * p99 and p99.9 latency (from intended send time) against the throughput each fixed rate
     * achieved, one line per server: where a server's tail turns up is the load it can take.
     */
    static Optional<XYChart> latencyVsThroughput(CompareResults r) {
        if (r.latencyVsRate().isEmpty()) {
            return Optional.empty();
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency vs throughput at fixed rates (no coordinated omission) - " + r.environment().stamp())
                .xAxisTitle("messages per second achieved at fixed rates of "
                        + r.settings().echo().rateFractions().stream().map(f -> String.format("%.0f%%", f * 100))
                        .collect(java.util.stream.Collectors.joining(", ")) + " of each server's closed-loop max"
                        + " (load: see REPORT.md)")
                .yAxisTitle("p99 latency, microseconds (log scale)").build();
        style(c);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisDecimalPattern("#,###");
        c.getStyler().setYAxisDecimalPattern("#,###");
        java.util.Map<String, List<RatePoint>> byTarget = new java.util.LinkedHashMap<>();
        r.latencyVsRate().forEach(p -> byTarget.computeIfAbsent(p.target(), k -> new ArrayList<>()).add(p));
        boolean any = false;
        for (var e : byTarget.entrySet()) {
            List<RatePoint> ps = e.getValue().stream().filter(p -> p.load().latency().p99Us() > 0)
                    .sorted(Comparator.comparingDouble(p -> p.load().messagesPerSecond())).toList();
            if (ps.isEmpty()) {
                continue;
            }
            c.addSeries(e.getKey(), ps.stream().map(p -> p.load().messagesPerSecond()).toList(),
                    ps.stream().map(p -> p.load().latency().p99Us()).toList());
            any = true;
        }
        return any ? Optional.of(c) : Optional.empty();
    }

    private static void save(Optional<? extends Chart<?, ?>> chart, Path base, List<Path> written, List<String> errors) {
        if (chart.isEmpty()) {
            return;
        }
        try {
            BitmapEncoder.saveBitmap(chart.get(), base.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(base.resolveSibling(base.getFileName() + ".png"));
        } catch (Exception | Error e) { // AWT without fonts throws Errors; the report must still be written
            errors.add(base.getFileName() + ".png: " + e);
            try {
                java.nio.file.Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".png"));
            } catch (java.io.IOException ignored) {
                // an empty file left behind is harmless; the report says the chart is missing
            }
        }
    }

    /**
     * Acquire+release at 4 KiB, 1 and 2 threads, the mean of each row: a dot plot on a log scale,
     * because allocating is 1000x a pooled pair (XChart cannot draw bars on a log axis, bars start
     * at zero). No error bars (XChart's are symmetric, the intervals are not); the report's table
     * has the intervals.
     */
    static Optional<CategoryChart> jmhPairs(CompareResults r) {
        List<String> names = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        r.jmh().stream().filter(x -> x.benchmark().equals("BlockPairBenchmark") && x.method().equals("pair1Thread")
                && "4096".equals(x.params().get("blockSize"))).forEach(x -> {
            Optional<JmhRow> t2 = Targets.pair(r.jmh(), x.subject(), "pair2Threads");
            if (x.ok() && t2.map(JmhRow::ok).orElse(true)) {
                names.add(x.subject());
                one.add(x.time().value());
                two.add(t2.map(y -> y.time().value()).orElse(null));
            }
        });
        if (names.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Acquire + release, 4 KiB blocks (JMH, mean) - " + r.environment().stamp())
                .xAxisTitle(String.format("row (%s preset: %d fork(s) x %d x %d ms after %d x %d ms warmup;"
                        + " intervals in REPORT.md)", r.settings().preset(), r.settings().jmh().passes(),
                        r.settings().jmh().iterations(), r.settings().jmh().iterationMillis(),
                        r.settings().jmh().warmupIterations(), r.settings().jmh().warmupMillis()))
                .yAxisTitle("ns per pair (log scale)").build();
        style(c);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(12);
        c.addSeries("1 thread", names, one);
        if (two.stream().noneMatch(java.util.Objects::isNull)) {
            c.addSeries("2 threads", names, two);
        }
        return Optional.of(c);
    }

    static Optional<CategoryChart> echoThroughput(CompareResults r) {
        List<EchoSummary> ok = r.echo().stream().filter(EchoSummary::ok).toList();
        if (ok.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Echo throughput (mean of rounds) - " + r.environment().stamp())
                .xAxisTitle(r.echoLoad() + "; bars: " + (int) (Bootstrap.CONFIDENCE * 100)
                        + "% interval, wider side")
                .yAxisTitle("messages per second").build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisDecimalPattern("#,###"); // plain numbers, not 2E5
        c.addSeries("msg/s", ok.stream().map(EchoSummary::target).toList(),
                ok.stream().map(e -> e.msgPerSec().value()).toList(),
                ok.stream().map(e -> e.msgPerSec().hasInterval() ? e.msgPerSec().error() : 0.0).toList());
        return Optional.of(c);
    }

    /**
     * Latency by percentile, one line per server (its round whose p99 is nearest the mean p99), x on a
     * "nines" scale: 90% at 1, 99% at 2, 99.9% at 3 (x = log10(1 / (1 - p))). The axis keeps
     * XChart's numeric ticks: its tick-label callback looped forever on this axis in 3.8.8.
     */
    static Optional<XYChart> echoLatency(CompareResults r) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Echo latency by percentile (the round nearest the mean p99) - " + r.environment().stamp())
                .xAxisTitle("nines: 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99 (" + r.echoLoad() + ")").yAxisTitle("microseconds (log scale)").build();
        style(c);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // off the tail, where the lines end
        c.getStyler().setYAxisDecimalPattern("#,###");
        boolean any = false;
        for (EchoSummary s : r.echo()) {
            double meanP99 = s.p99Us().value();
            Optional<EchoRun> typical = r.echoRuns().stream()
                    .filter(x -> x.target().equals(s.target()) && x.failure() == null && x.load() != null)
                    .min(Comparator.comparingDouble(x -> Math.abs(x.load().latency().p99Us() - meanP99)));
            if (typical.isEmpty()) {
                continue;
            }
            LatencySummary l = typical.get().load().latency();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < l.percentiles().length; i++) {
                double p = l.percentiles()[i];
                if (p > 0 && p < 100 && l.micros()[i] > 0) {
                    x.add(Math.log10(100 / (100 - p)));
                    y.add(l.micros()[i]);
                }
            }
            if (!x.isEmpty()) {
                c.addSeries(s.target(), x, y);
                any = true;
            }
        }
        return any ? Optional.of(c) : Optional.empty();
    }

    private static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        if (c instanceof CategoryChart) {
            ((CategoryChart) c).getStyler().setXAxisLabelRotation(30);
        }
    }
}
