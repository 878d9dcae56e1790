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
import org.knowm.xchart.style.markers.SeriesMarkers;

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

    /**
     * The end of each chart's title: the environment's stamp with the run's collector after the
     * JDK ({@code JDK 25.0.3 ZGC, 2 vCPUs, 2026-12-02}), since the cells of a matrix differ in
     * nothing else; the plain stamp when the run names no collector.
     */
    static String stamp(CompareResults r) {
        String s = r.environment().stamp();
        String gc = collector(r.jvm());
        int comma = s.indexOf(',');
        return gc.isEmpty() || comma < 0 ? s : s.substring(0, comma) + " " + gc + s.substring(comma);
    }

    /** The collector set of a benchmark-JVM description ({@link dev.poolkit.bench.Jvm#fromDescription}), or "". */
    static String collector(String jvm) {
        return dev.poolkit.bench.Jvm.fromDescription(jvm).map(dev.poolkit.bench.Jvm::gc).orElse("");
    }

    /** Draws every chart it has data for; failures (e.g. no fonts on a headless box) go to {@code errors}. */
    static void writeAll(CompareResults r, Path dir, List<Path> written, List<String> errors) {
        System.setProperty("java.awt.headless", "true");
        save(jmhPairs(r), dir.resolve("jmh-pair"), written, errors);
        save(echoThroughput(r), dir.resolve("echo-throughput"), written, errors);
        save(echoLatency(r), dir.resolve("echo-latency"), written, errors);
        save(latencyVsThroughput(r), dir.resolve("latency-vs-throughput"), written, errors);
        for (String label : r.jmh().stream().map(JmhRow::caseLabel).distinct().toList()) {
            if (!label.startsWith("BlockPair") && !label.startsWith("AtomicCost")) {
                save(jmhCase(r, label), dir.resolve("jmh-" + label.toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "")), written, errors);
            }
        }
    }

    /**
     * One JMH case (burst, hand-off, object pools), every row's mean on a log scale with its
     * interval's wider side as the error bar (clipped above zero, which a log axis cannot show).
     */
    static Optional<CategoryChart> jmhCase(CompareResults r, String label) {
        List<JmhRow> rows = r.jmh().stream().filter(x -> x.caseLabel().equals(label) && x.ok()
                && x.time().value() > 0).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(label + " (JMH, mean) - " + stamp(r))
                .xAxisTitle(String.format("row (%s preset; triangles: the %d%% interval's ends)", r.settings().preset(),
                        (int) (Bootstrap.CONFIDENCE * 100)))
                .yAxisTitle(rows.get(0).unit() + " (log scale)").build();
        style(c);
        logAxis(c, rows.stream().flatMapToDouble(x -> x.time().hasInterval() && x.time().low() > 0
                ? java.util.stream.DoubleStream.of(x.time().value(), x.time().low(), x.time().high())
                : java.util.stream.DoubleStream.of(x.time().value())).toArray());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(12);
        withInterval(c, label, rows.stream().map(JmhRow::subject).toList(), rows.stream().map(JmhRow::time).toList(),
                java.awt.Color.decode("#4169E1"));
        return Optional.of(c);
    }

    /**
     * A series of means with its intervals drawn as two more series, a triangle pointing up at each
     * interval's low end and one pointing down at its high end, in the series' colour and out of the
     * legend. Not XChart's error bars: those are symmetric, and on a log axis they are drawn at
     * lengths that are not the interval's.
     */
    private static void withInterval(CategoryChart c, String name, List<String> names, List<Estimate> values,
                                     java.awt.Color color) {
        List<Double> mean = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (Estimate e : values) {
            mean.add(e == null ? null : e.value());
            boolean bounds = e != null && e.hasInterval() && e.low() > 0; // a log axis shows nothing at or below 0
            low.add(bounds ? e.low() : null);
            high.add(bounds ? e.high() : null);
        }
        c.addSeries(name, names, mean).setMarkerColor(color).setMarker(SeriesMarkers.CIRCLE);
        if (low.stream().anyMatch(java.util.Objects::nonNull)) {
            var l = c.addSeries(name + " low", names, low);
            l.setMarker(SeriesMarkers.TRIANGLE_UP).setMarkerColor(color).setShowInLegend(false);
            var h = c.addSeries(name + " high", names, high);
            h.setMarker(SeriesMarkers.TRIANGLE_DOWN).setMarkerColor(color).setShowInLegend(false);
        }
    }

    /** A log y axis spanning whole decades around the data, labelled in plain numbers. */
    private static void logAxis(CategoryChart c, double[] values) {
        double lo = java.util.Arrays.stream(values).filter(v -> v > 0).min().orElse(1);
        double hi = java.util.Arrays.stream(values).max().orElse(10);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo * 0.5))));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi * 2))));
        c.getStyler().setYAxisDecimalPattern("#,##0.#");
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
                .title("Latency vs throughput at fixed rates (no coordinated omission) - " + stamp(r))
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
     * at zero). Error bars show each interval's wider side (XChart's bars are symmetric, the
     * intervals are not); the report's table has the exact intervals.
     */
    static Optional<CategoryChart> jmhPairs(CompareResults r) {
        List<String> names = new ArrayList<>();
        List<Estimate> one = new ArrayList<>();
        List<Estimate> two = new ArrayList<>();
        r.jmh().stream().filter(x -> x.benchmark().equals("BlockPairBenchmark") && x.method().equals("pair1Thread")
                && "4096".equals(x.params().get("blockSize"))).forEach(x -> {
            Optional<JmhRow> t2 = Targets.pair(r.jmh(), x.subject(), "pair2Threads");
            if (x.ok() && t2.map(JmhRow::ok).orElse(true)) {
                names.add(x.subject());
                one.add(x.time());
                two.add(t2.map(JmhRow::time).orElse(null));
            }
        });
        if (names.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Acquire + release, 4 KiB blocks (JMH, mean) - " + stamp(r))
                .xAxisTitle(String.format("row (%s preset: %d fork(s) x %d x %d ms after %d x %d ms warmup;"
                        + " triangles: the interval's ends)", r.settings().preset(), r.settings().jmh().passes(),
                        r.settings().jmh().iterations(), r.settings().jmh().iterationMillis(),
                        r.settings().jmh().warmupIterations(), r.settings().jmh().warmupMillis()))
                .yAxisTitle("ns per pair (log scale)").build();
        style(c);
        List<Double> all = new ArrayList<>();
        for (List<Estimate> side : List.of(one, two)) {
            side.stream().filter(java.util.Objects::nonNull).forEach(e -> {
                all.add(e.value());
                if (e.hasInterval() && e.low() > 0) {
                    all.add(e.low());
                    all.add(e.high());
                }
            });
        }
        logAxis(c, all.stream().mapToDouble(Double::doubleValue).toArray());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(10);
        withInterval(c, "1 thread", names, one, java.awt.Color.decode("#4169E1"));
        if (two.stream().noneMatch(java.util.Objects::isNull)) {
            withInterval(c, "2 threads", names, two, java.awt.Color.decode("#FFA500"));
        }
        return Optional.of(c);
    }

    static Optional<CategoryChart> echoThroughput(CompareResults r) {
        List<EchoSummary> ok = r.echo().stream().filter(EchoSummary::ok).toList();
        if (ok.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Echo throughput (mean of rounds) - " + stamp(r))
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
     * Latency by percentile, one line per server (its round whose p99 is nearest the mean p99), the
     * percentiles as labelled, evenly spaced categories (p50 ... p99.99, max): close to a "nines"
     * scale, with names instead of numbers. The legend sits outside, off the tail.
     */
    static Optional<CategoryChart> echoLatency(CompareResults r) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Echo latency by percentile (the round nearest the mean p99) - " + stamp(r))
                .xAxisTitle("percentile (" + r.echoLoad() + ")").yAxisTitle("microseconds (log scale)").build();
        style(c);
        c.getStyler().setXAxisLabelRotation(0);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Double> all = new ArrayList<>();
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
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < l.percentiles().length; i++) {
                double p = l.percentiles()[i];
                if (p >= 50) { // every server the same categories; 1 us floor for the log axis
                    x.add(p == 100 ? "max" : "p" + new java.text.DecimalFormat("0.##").format(p));
                    y.add(Math.max(1.0, l.micros()[i]));
                }
            }
            if (!x.isEmpty()) {
                c.addSeries(s.target(), x, y);
                all.addAll(y);
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        logAxis(c, all.stream().mapToDouble(Double::doubleValue).toArray());
        return Optional.of(c);
    }

    /**
     * The matrix charts: closed-loop msg/s and p99 at 75% load per server, one bar per (JDK,
     * collector), so the collectors' effect on each design shows side by side.
     */
    /** The p99 chart's x axis: the window of each fixed-rate point, as the run's settings had it. */
    static String matrixP99Axis(CompareResults first) {
        return "server (fixed rate, from intended send time; one " + first.settings().echo().rateMillis()
                + " ms run per point)";
    }

    static void writeMatrix(List<Matrix.Cell> cells, Path dir, List<Path> written, List<String> errors) {
        System.setProperty("java.awt.headless", "true");
        CompareResults first = cells.get(0).results();
        List<String> servers = first.echo().stream().map(EchoSummary::target).toList();
        CategoryChart t = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Echo throughput per JDK and collector (mean of rounds) - " + first.environment().cpuWords()
                        + ", " + first.environment().day())
                .xAxisTitle("server (" + first.echoLoad() + ")").yAxisTitle("messages per second").build();
        style(t);
        t.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        t.getStyler().setYAxisDecimalPattern("#,###");
        CategoryChart p = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("p99 latency at 75% of each server's max, per JDK and collector - "
                        + first.environment().cpuWords() + ", " + first.environment().day())
                .xAxisTitle(matrixP99Axis(first))
                .yAxisTitle("p99 microseconds (log scale)").build();
        style(p);
        p.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // Points on a log axis, not bars: one stall in a run of a few hundred ms reaches hundreds of ms and
        // would flatten every other bar, and bars cannot start from 0 on a log axis.
        p.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        List<Double> allP99 = new ArrayList<>();
        boolean anyP99 = false;
        for (Matrix.Cell c : cells) {
            List<Double> msg = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (String server : servers) {
                msg.add(c.results().echo().stream().filter(e -> e.target().equals(server) && e.ok())
                        .mapToDouble(e -> e.msgPerSec().value()).findFirst().orElse(0));
                double v = c.results().latencyVsRate().stream().filter(x -> x.target().equals(server)
                        && Math.abs(x.fraction() - 0.75) < 1e-9).mapToDouble(x -> x.load().latency().p99Us())
                        .findFirst().orElse(0);
                anyP99 |= v > 0;
                p99.add(v > 0 ? v : null); // none measured: no point (a log axis has no 0)
                if (v > 0) {
                    allP99.add(v);
                }
            }
            t.addSeries(c.jvm().label(), servers, msg);
            p.addSeries(c.jvm().label(), servers, p99);
        }
        save(Optional.of(t), dir.resolve("matrix-throughput"), written, errors);
        if (anyP99) {
            logAxis(p, allP99.stream().mapToDouble(Double::doubleValue).toArray());
            p.getStyler().setYAxisDecimalPattern("#,###");
            save(Optional.of(p), dir.resolve("matrix-p99-at-75"), written, errors);
        }
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
