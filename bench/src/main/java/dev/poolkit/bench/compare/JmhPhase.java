package dev.poolkit.bench.compare;

import dev.poolkit.bench.jmh.Harness;
import dev.poolkit.bench.jmh.Priming;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the JMH part of a compare: every row of every case once per pass, one fork per trial, with
 * {@code -prof gc}, each pass in new random orders ({@link Schedule}), and turns the iteration
 * samples into rows.
 */
final class JmhPhase {
    private static final String BENCH_PACKAGE = "dev.poolkit.bench.jmh.";

    private final CompareSettings.Jmh settings;
    private final Schedule schedule;
    private final Consumer<String> progress;
    private final dev.poolkit.bench.Jvm jvm;

    JmhPhase(CompareSettings.Jmh settings, Schedule schedule, Consumer<String> progress) {
        this(settings, schedule, progress, dev.poolkit.bench.Jvm.current());
    }

    /** Forks run on {@code jvm} with its flags (in-process trials, forks = 0, run on this JVM whatever it is). */
    JmhPhase(CompareSettings.Jmh settings, Schedule schedule, Consumer<String> progress, dev.poolkit.bench.Jvm jvm) {
        this.jvm = jvm;
        this.settings = settings;
        this.schedule = schedule;
        this.progress = progress;
    }

    /** @param blockSubjects rows of the buffer cases; {@code objectSubjects} of the object cases */
    List<JmhRow> run(List<String> blockSubjects, List<String> objectSubjects) {
        if (settings.forks() == 0) {
            Harness.useWorkerThreadsInThisJvm();
            // Trials in this JVM measure nothing worth guarding; another JMH run on the machine
            // holding JMH's machine-wide lock must not fail a pipeline check.
            System.setProperty("jmh.ignoreLock", "true");
            // Nor is priming worth its seconds here: this JVM's heap is not the forks' fixed one.
            System.setProperty(Priming.SKIP_PROPERTY, "true");
        }
        List<CompareSettings.JmhCase> cases = settings.cases();
        Map<String, List<List<String>>> orders = new LinkedHashMap<>();
        int total = 0;
        for (CompareSettings.JmhCase c : cases) {
            List<String> rows = CompareSettings.rowsOf(c, blockSubjects, objectSubjects);
            orders.put(c.label(), schedule.rounds(rows, settings.passes()));
            total += rows.size() * settings.passes();
        }
        Map<String, Map<String, Collector>> collected = new LinkedHashMap<>();
        int done = 0;
        for (int pass = 0; pass < settings.passes(); pass++) {
            for (CompareSettings.JmhCase c : cases) {
                for (String subject : orders.get(c.label()).get(pass)) {
                    done++;
                    Collector col = collected.computeIfAbsent(c.label(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(subject, s -> new Collector(c, s));
                    col.add(trial(c, subject));
                    progress.accept(String.format("[jmh %d/%d] %-36s %-18s %s", done, total, c.label(), subject,
                            col.lastLine()));
                }
            }
        }
        List<JmhRow> rows = new ArrayList<>();
        for (CompareSettings.JmhCase c : cases) {
            for (String subject : CompareSettings.rowsOf(c, blockSubjects, objectSubjects)) {
                rows.add(collected.get(c.label()).get(subject).row(settings.forks() > 0));
            }
        }
        return rows;
    }

    private Object trial(CompareSettings.JmhCase c, String subject) {
        boolean methods = c.rows() == CompareSettings.Rows.METHODS;
        String method = methods ? subject : c.method();
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include("^" + Pattern.quote(BENCH_PACKAGE + c.benchmark() + "." + method) + "$")
                .forks(settings.forks() == 0 ? 0 : 1)
                .jvmArgsAppend(jvm.args(settings.jvmArgs()).toArray(new String[0]))
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.max(1, settings.warmupMillis())))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (settings.forks() > 0 && !jvm.isCurrent()) {
            opts.jvm(jvm.java().toString());
        }
        if (!methods) {
            opts.param(c.rows() == CompareSettings.Rows.OBJECTS ? "objectPool" : "pool", subject);
        }
        c.params().forEach(opts::param);
        try {
            Collection<RunResult> results = new Runner(opts.build()).run();
            if (results.isEmpty()) {
                return "JMH found no benchmark " + c.benchmark() + "." + method;
            }
            return results.iterator().next();
        } catch (RunnerException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "failed: " + root;
        }
    }

    /** Samples of one subject in one case, a list per fork, from every pass. */
    private static final class Collector {
        private final CompareSettings.JmhCase c;
        private final String subject;
        private final List<List<Double>> scores = new ArrayList<>();
        private final List<List<Double>> allocs = new ArrayList<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private List<String> jvmArgs = List.of();
        private String jvm = "";
        private String unit = "ns/op";
        private int threads;
        private String failure;
        private String last = "";

        Collector(CompareSettings.JmhCase c, String subject) {
            this.c = c;
            this.subject = subject;
            params.putAll(c.params());
        }

        void add(Object trial) {
            if (!(trial instanceof RunResult)) {
                failure = String.valueOf(trial);
                last = failure;
                return;
            }
            RunResult r = (RunResult) trial;
            BenchmarkParams p = r.getParams();
            threads = p.getThreads();
            unit = r.getPrimaryResult().getScoreUnit();
            jvmArgs = List.copyOf(p.getJvmArgs());
            jvm = p.getVmName() + " " + p.getVmVersion() + " (JDK " + p.getJdkVersion() + ")";
            for (String key : p.getParamsKeys()) {
                if (!key.equals("pool") && !key.equals("objectPool")) {
                    params.put(key, p.getParam(key));
                }
            }
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                List<Double> s = new ArrayList<>();
                List<Double> a = new ArrayList<>();
                for (IterationResult ir : fork.getIterationResults()) {
                    s.add(ir.getPrimaryResult().getScore());
                    double norm = allocNorm(ir.getSecondaryResults());
                    if (!Double.isNaN(norm)) {
                        a.add(norm * c.opsPerUnit());
                    }
                }
                scores.add(s);
                allocs.add(a);
            }
            last = String.format("%.2f %s, %.1f B/%s", r.getPrimaryResult().getScore(), unit,
                    allocNorm(r.getSecondaryResults()) * c.opsPerUnit(), c.opsPerUnit() == 1 ? "op" : "unit");
        }

        /** JMH declares the secondary results with a raw Result. */
        private static double allocNorm(Map<String, ?> secondary) {
            for (Map.Entry<String, ?> e : secondary.entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    return ((Result<?>) e.getValue()).getScore();
                }
            }
            return Double.NaN;
        }

        String lastLine() {
            return last;
        }

        JmhRow row(boolean forked) {
            String why = failure != null ? failure : scores.isEmpty() ? "no scores" : null;
            return JmhRow.of(c.label(), c.benchmark(), c.rows() == CompareSettings.Rows.METHODS ? subject : c.method(),
                    params, threads, subject, unit, c.opsPerUnit(), List.copyOf(scores), List.copyOf(allocs),
                    forked ? jvmArgs : List.of(), jvm, why);
        }
    }
}
