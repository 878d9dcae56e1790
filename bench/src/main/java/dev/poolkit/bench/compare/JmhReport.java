package dev.poolkit.bench.compare;

import dev.poolkit.bench.jmh.Twins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The JMH half of REPORT.md: how it ran (read from the rows), one table per benchmark, the twins' ratios. */
final class JmhReport {
    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use(\\w+)GC");

    /** What each benchmark's operation is, for the heading of its table. */
    private static final Map<String, String> OPERATION = Map.of(
            "BlockPairBenchmark", "buffers: one acquire+release pair, ns and B per pair",
            "BlockBurstBenchmark", "buffers: a burst, acquire k then release k, ns and B per burst",
            "HandOffBenchmark", "buffers: acquired on one thread, released on another (2 threads), ns and B per"
                    + " hand-off",
            "ObjectPoolBenchmark", "objects: one ObjectPool acquire+release of a connection-state object"
                    + " (`none` = `new` per use), ns and B per pair",
            "AtomicCost", "the primitives pools are made of, uncontended (1 thread), ns per operation;"
                    + " `plainStore` is the harness's own cost");

    private JmhReport() {
    }

    static String notes(CompareResults r) {
        CompareSettings.Jmh j = r.settings().jmh();
        List<JmhRow> ok = r.jmh().stream().filter(JmhRow::ok).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Mean time per operation over %d fork(s) x %d iteration(s) of %d ms, after %d warmup"
                        + " iteration(s) of %d ms, with `-prof gc`. %s, each pass in a new random order (seed %d). A cell is `mean [low-high], B`: the interval is a %.0f%% bootstrap"
                        + " percentile interval that resamples forks, then iterations within each fork (%,d"
                        + " resamples), so fork-to-fork variance is inside it; B is the mean bytes allocated per"
                        + " operation (gc.alloc.rate.norm; below %.1f is harness noise, i.e. nothing). %s`(!)` marks a"
                        + " cell whose interval reaches further from its mean than the mean itself: read it as"
                        + " unmeasured.%n%n",
                j.passes(), j.iterations(), j.iterationMillis(), j.warmupIterations(), j.warmupMillis(),
                j.forks() == 0 ? "One pass over the rows" : "Every row ran its fork f in pass f", r.scheduleSeed(), Bootstrap.CONFIDENCE * 100, Bootstrap.RESAMPLES, Targets.ZERO_ALLOC_TOLERANCE,
                j.forks() == 0 ? "All trials ran inside the compare JVM (no forks), so the interval holds only"
                        + " iteration-to-iteration variance. " : j.forks() == 1 ? "One fork per row: the interval"
                        + " leaves fork-to-fork variance out. " : ""));
        sb.append("- JVM of the trials: ").append(jvm(r, ok)).append('\n');
        sb.append("- Geometry, from the rows' parameters: ").append(geometry(r.jmh())).append('\n');
        sb.append("- Rows `raw-*` are the backends' bare twins (the design without Poolkit; `raw-jctools-refusing` and"
                + " `raw-local-refusing` are `raw-jctools` and `raw-local` with the atomic double-release refusal"
                + " added, nothing else), `stormpot*`, `netty-*`"
                + " the libraries used as their authors document; `none-*` allocates per use (B/op counts heap"
                + " only: `none-direct`'s buffer memory is native, on top of its B/op). How each row is"
                + " configured: the table at the end of this section.\n");
        return sb.toString();
    }

    /** The trials' JVM, read from what JMH reports for each row. */
    private static String jvm(CompareResults r, List<JmhRow> ok) {
        Set<String> jvms = new TreeSet<>();
        Set<List<String>> args = new LinkedHashSet<>();
        for (JmhRow x : ok) {
            if (!x.jvm().isEmpty()) {
                jvms.add(x.jvm());
            }
            args.add(x.jvmArgs());
        }
        if (args.isEmpty()) {
            return "none ran.";
        }
        if (args.equals(Set.of(List.of()))) {
            return String.format("the compare JVM itself (%s; max heap %d MiB; collectors %s).",
                    String.join(", ", jvms), r.environment().maxHeapMiB(),
                    String.join(", ", r.environment().collectors()));
        }
        List<String> described = new ArrayList<>();
        for (List<String> a : args) {
            described.add("`" + String.join(" ", a) + "` (" + heapAndGc(a) + ")");
        }
        return String.join(", ", jvms) + "; arguments " + String.join("; and in other rows ", described)
                + (args.size() == 1 ? ", the same for every row." : ".");
    }

    static String heapAndGc(List<String> args) {
        String heap = args.stream().filter(a -> a.startsWith("-Xmx")).map(a -> "heap " + a.substring(4))
                .findFirst().orElse("the JDK's default heap");
        String gc = args.stream().map(GC_FLAG::matcher).filter(Matcher::matches).map(m -> m.group(1) + " collector")
                .findFirst().orElse("the JDK's default collector");
        boolean ftl = args.stream().anyMatch(a -> a.startsWith("-Djmh.executor=CUSTOM"));
        return heap + ", " + gc + (ftl ? ", worker threads from `jmh.executor.class`" : "");
    }

    private static String geometry(List<JmhRow> rows) {
        List<String> parts = new ArrayList<>();
        distinct(rows, "capacity").ifPresent(v -> parts.add("buffer pools hold " + v + " blocks (`capacity`)"));
        distinct(rows, "maxIdle").ifPresent(v -> parts.add("object pools keep at most " + v + " idle (`maxIdle`)"));
        rows.stream().filter(x -> x.benchmark().equals("ObjectPoolBenchmark") && x.subject().equals("none") && x.ok()
                        && x.alloc().measured()).findFirst()
                .ifPresent(x -> parts.add("the pooled object is " + Numbers.num(x.alloc().value())
                        + " B (what `new` allocates per use in the `none` row)"));
        return parts.isEmpty() ? "not recorded." : String.join("; ", parts) + ".";
    }

    private static Optional<String> distinct(List<JmhRow> rows, String param) {
        Set<String> values = rows.stream().map(x -> x.params().get(param)).filter(v -> v != null)
                .collect(Collectors.toCollection(TreeSet::new));
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** One table per benchmark: a row per subject, a column per case. */
    static String tables(List<JmhRow> rows) {
        Map<String, List<JmhRow>> byBenchmark = new LinkedHashMap<>();
        rows.forEach(x -> byBenchmark.computeIfAbsent(x.benchmark(), k -> new ArrayList<>()).add(x));
        StringBuilder sb = new StringBuilder();
        byBenchmark.forEach((benchmark, mine) -> sb.append("**").append(benchmark.replace("Benchmark", ""))
                .append("**, ").append(OPERATION.getOrDefault(benchmark, "")).append(":\n\n")
                .append(table(mine)).append('\n'));
        return sb.toString();
    }

    private static String column(JmhRow x) {
        int dot = x.caseLabel().indexOf('.');
        return dot < 0 ? "ns per operation" : x.caseLabel().substring(dot + 1); // the table names the benchmark
    }

    private static String table(List<JmhRow> mine) {
        Set<String> cases = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        Map<String, JmhRow> cell = new LinkedHashMap<>();
        for (JmhRow x : mine) {
            cases.add(column(x));
            subjects.add(x.subject());
            cell.put(column(x) + "\n" + x.subject(), x);
        }
        List<String> header = new ArrayList<>();
        header.add("row");
        header.addAll(cases);
        Tables t = new Tables(header.toArray(new String[0]));
        for (String s : subjects) {
            List<String> line = new ArrayList<>();
            line.add(s);
            for (String c : cases) {
                line.add(cell(cell.get(c + "\n" + s)));
            }
            t.row(line.toArray(new String[0]));
        }
        return t.render();
    }

    static String cell(JmhRow x) {
        if (x == null) {
            return "";
        }
        if (!x.ok()) {
            return "failed";
        }
        return x.time().format() + ", " + (x.alloc().measured() ? Numbers.num(x.alloc().value()) : "?") + " B";
    }

    /** Each backend's time as a ratio to its bare twin's, in every case both ran. */
    static String twins(CompareResults r) {
        Map<String, Map<String, JmhRow>> byCase = new LinkedHashMap<>();
        r.jmh().forEach(x -> byCase.computeIfAbsent(x.caseLabel(), k -> new LinkedHashMap<>()).put(x.subject(), x));
        Set<String> cases = new LinkedHashSet<>();
        Map<String, Map<String, Estimate>> ratios = new LinkedHashMap<>();
        for (String backend : r.backends()) {
            Optional<String> twin = Twins.of(backend);
            if (twin.isEmpty()) {
                continue;
            }
            byCase.forEach((label, rows) -> {
                JmhRow ours = rows.get(backend);
                JmhRow raw = rows.get(twin.get());
                if (ours != null && raw != null && ours.ok() && raw.ok()) {
                    cases.add(label);
                    ratios.computeIfAbsent(backend + " / " + twin.get(), k -> new LinkedHashMap<>())
                            .put(label, Bootstrap.ratio(ours.scores(), raw.scores()));
                }
            });
        }
        if (ratios.isEmpty()) {
            return "No backend ran beside its twin.\n";
        }
        List<String> header = new ArrayList<>();
        header.add("backend / twin");
        header.addAll(cases);
        Tables t = new Tables(header.toArray(new String[0]));
        ratios.forEach((name, byLabel) -> {
            List<String> line = new ArrayList<>();
            line.add(name);
            for (String c : cases) {
                Estimate e = byLabel.get(c);
                line.add(e == null ? "" : e.formatRatio());
            }
            t.row(line.toArray(new String[0]));
        });
        return "Time of each backend over its bare twin's in the same case (1.00x = Poolkit's layer costs nothing;"
                + " the interval resamples both rows' forks and iterations):\n\n" + t.render();
    }

    static String configurations(CompareResults r) {
        Tables t = new Tables("row", "shape", "how it is configured");
        r.rows().forEach(x -> t.row(x.name(), x.shape(), x.configuration()));
        return t.render();
    }
}
