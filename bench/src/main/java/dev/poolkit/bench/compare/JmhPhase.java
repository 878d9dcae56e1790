package dev.poolkit.bench.compare;

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
import org.openjdk.jmh.util.ListStatistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the JMH subset of a compare: each case once per subject (each trial its own fork), with
 * {@code -prof gc}, passes in order-balanced subject orders, and turns the results into rows.
 */
final class JmhPhase {
    private static final String BENCH_PACKAGE = "dev.poolkit.bench.jmh.";

    private final CompareSettings.Jmh settings;
    private final Consumer<String> progress;

    JmhPhase(CompareSettings.Jmh settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** @param blockSubjects rows of the buffer cases; {@code objectSubjects} of the object cases */
    List<JmhRow> run(List<String> blockSubjects, List<String> objectSubjects) {
        int total = 0;
        for (CompareSettings.JmhCase c : settings.cases()) {
            total += (c.objects() ? objectSubjects : blockSubjects).size() * settings.passes();
        }
        // case -> subject -> collected scores, merged over passes
        Map<String, Map<String, Collector>> collected = new LinkedHashMap<>();
        int done = 0;
        for (int pass = 0; pass < settings.passes(); pass++) {
            for (CompareSettings.JmhCase c : settings.cases()) {
                List<String> subjects = c.objects() ? objectSubjects : blockSubjects;
                for (String subject : Schedule.order(subjects, pass)) {
                    done++;
                    Collector col = collected.computeIfAbsent(c.label(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(subject, s -> new Collector(c, s));
                    col.add(trial(c, subject));
                    progress.accept(String.format("[jmh %d/%d] %-40s %-15s %s", done, total, c.label(), subject,
                            col.lastLine()));
                }
            }
        }
        List<JmhRow> rows = new ArrayList<>();
        for (CompareSettings.JmhCase c : settings.cases()) {
            List<String> subjects = c.objects() ? objectSubjects : blockSubjects;
            for (String subject : subjects) {
                rows.add(collected.get(c.label()).get(subject).row());
            }
        }
        return rows;
    }

    private Object trial(CompareSettings.JmhCase c, String subject) {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include("^" + Pattern.quote(BENCH_PACKAGE + c.benchmark() + "." + c.method()) + "$")
                .param(c.objects() ? "objectPool" : "pool", subject)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.max(1, settings.warmupMillis())))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        c.params().forEach(opts::param);
        try {
            Collection<RunResult> results = new Runner(opts.build()).run();
            if (results.isEmpty()) {
                return "JMH found no benchmark " + c.benchmark() + "." + c.method();
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

    /** Scores of one subject in one case, from every pass. */
    private static final class Collector {
        private final CompareSettings.JmhCase c;
        private final String subject;
        private final ListStatistics scores = new ListStatistics();
        private final List<Double> raw = new ArrayList<>();
        private final ListStatistics alloc = new ListStatistics();
        private String unit = "ns/op";
        private int threads;
        private String failure;
        private String last = "";

        Collector(CompareSettings.JmhCase c, String subject) {
            this.c = c;
            this.subject = subject;
        }

        void add(Object trial) {
            if (!(trial instanceof RunResult)) {
                failure = String.valueOf(trial);
                last = failure;
                return;
            }
            RunResult r = (RunResult) trial;
            threads = r.getParams().getThreads();
            unit = r.getPrimaryResult().getScoreUnit();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    scores.addValue(ir.getPrimaryResult().getScore());
                    raw.add(ir.getPrimaryResult().getScore());
                }
            }
            double norm = Double.NaN;
            Map<String, ?> secondary = r.getSecondaryResults(); // JMH declares it with a raw Result
            for (Map.Entry<String, ?> e : secondary.entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    norm = ((Result<?>) e.getValue()).getScore();
                    alloc.addValue(norm);
                }
            }
            last = String.format("%.2f %s, %.1f B/op", r.getPrimaryResult().getScore(), unit, norm);
        }

        String lastLine() {
            return last;
        }

        JmhRow row() {
            Map<String, String> params = new LinkedHashMap<>(c.params());
            if (raw.isEmpty()) {
                return new JmhRow(c.label(), c.benchmark(), c.method(), params, threads, subject, Double.NaN,
                        Double.NaN, Double.NaN, unit, Double.NaN, List.of(), failure == null ? "no scores" : failure);
            }
            // With one sample JMH cannot give an interval: NaN says "unknown", not "exact".
            double error = scores.getN() > 1 ? scores.getMeanErrorAt(0.999) : Double.NaN;
            return new JmhRow(c.label(), c.benchmark(), c.method(), params, threads, subject,
                    scores.getPercentile(50), scores.getMean(), error, unit,
                    alloc.getN() > 0 ? alloc.getMean() : Double.NaN, List.copyOf(raw), failure);
        }
    }
}
