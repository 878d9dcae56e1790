package dev.poolkit.bench.compare;

import dev.poolkit.bench.Environment;
import dev.poolkit.bench.jmh.Harness;
import dev.poolkit.bench.load.LatencySummary;
import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.server.ServerStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic results with known answers, for the report, targets and JSON tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Two forks of four iterations, {@code mean x (1 -/+ spread)} alternately: the mean is exact. */
    static List<List<Double>> samples(double mean, double spread) {
        List<List<Double>> forks = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            forks.add(List.of(mean * (1 - spread), mean * (1 + spread), mean * (1 - spread), mean * (1 + spread)));
        }
        return forks;
    }

    static JmhRow pair(String subject, String method, double mean, double alloc) {
        return pair(subject, method, mean, 0.01, alloc);
    }

    static JmhRow pair(String subject, String method, double mean, double spread, double alloc) {
        int threads = method.equals("pair1Thread") ? 1 : 2;
        return JmhRow.of("BlockPair." + method + " blockSize=4096", "BlockPairBenchmark", method,
                Map.of("blockSize", "4096", "capacity", "1024"), threads, subject, "ns/op", 1, samples(mean, spread),
                samples(alloc, 0), Harness.JVM_ARGS, "Test VM 17 (JDK 17)", null);
    }

    static JmhRow failed(String subject, String method) {
        return JmhRow.of("BlockPair." + method + " blockSize=4096", "BlockPairBenchmark", method,
                Map.of("blockSize", "4096"), 1, subject, "ns/op", 1, List.of(), List.of(), List.of(), "",
                "failed: java.lang.IllegalStateException: boom");
    }

    static JmhRow atomic(String method, double mean) {
        return JmhRow.of("AtomicCost", "AtomicCost", method, Map.of(), 1, method, "ns/op", 1, samples(mean, 0.02),
                samples(0, 0), Harness.JVM_ARGS, "Test VM 17 (JDK 17)", null);
    }

    static LoadResult load(double msgPerSec, double p99) {
        double[] pct = {0, 50, 90, 99, 99.9, 100};
        double[] us = {10, 50, 80, p99, p99 * 2, p99 * 3};
        LatencySummary lat = new LatencySummary((long) (msgPerSec * 3), 55, 50, 80, p99, p99 * 2, p99 * 3, pct, us);
        return new LoadResult("16 connections, 4096 B messages, closed loop", 3.0, (long) (msgPerSec * 3),
                (long) (msgPerSec * 3 * 4096), (long) (msgPerSec * 4), lat, null, 0, Map.of(), null);
    }

    static EchoRun run(String target, int round, double msgPerSec, long allocated, Long highWater) {
        ServerStats s = new ServerStats(allocated, (long) msgPerSec * 4 * 4096, (long) msgPerSec * 4, 3L, 12L,
                highWater, highWater == null ? null : 0L, highWater == null ? null : 0L, 0L);
        return new EchoRun(target, round, 0, load(msgPerSec, 200 + round), s, 0, null);
    }

    /**
     * {@link #results()} with loop-buffer beside none, a cost per run, a fixed-rate series for local
     * and loop-buffer, and the two-loop scenario.
     */
    static CompareResults withSeriesAndCosts() {
        CompareResults base = results();
        List<EchoRun> runs = new ArrayList<>();
        for (EchoRun r : base.echoRuns()) {
            runs.add(withCosts(r));
        }
        for (int r = 0; r < 2; r++) {
            runs.add(withCosts(run("loop-buffer", r, 50_000 + r * 1000, 2_000, 1L)));
        }
        List<String> targets = List.of("local", "freelist", "loop-buffer", "none", "netty");
        List<EchoSummary> echo = EchoPhase.summarize(targets, runs);
        List<RatePoint> points = new ArrayList<>();
        for (double f : CompareSettings.RATE_FRACTIONS) {
            points.add(new RatePoint("local", 0, f, f * 100_000, load(f * 100_000, 100 + f * 1000),
                    String.format("runs/latency-local-%02.0f.hgrm", f * 100)));
            points.add(new RatePoint("loop-buffer", 0, f, f * 50_000, load(f * 50_000, 300 + f * 1000),
                    String.format("runs/latency-loop-buffer-%02.0f.hgrm", f * 100)));
        }
        List<EchoRun> two = List.of(withCosts(run("local", 0, 70_000, 1_000, 2L)),
                withCosts(run("loop-buffer", 0, 60_000, 1_000, 2L)));
        return new CompareResults(base.environment(), base.command(), base.commit(), base.settings(),
                base.scheduleSeed(), base.backends(), base.rows(), base.echoLoad(), base.jmh(), runs, echo,
                base.targets(), base.elapsedSeconds(), base.loadBefore(), base.loadAfter(), "JDK 17 G1 java",
                points, two, EchoPhase.summarize(List.of("local", "loop-buffer"), two));
    }

    private static EchoRun withCosts(EchoRun r) {
        return new EchoRun(r.target(), r.round(), r.position(), r.load(), r.server(), r.exitCode(), r.failure(),
                new EchoCosts(12.5, 8.25, r.target().equals("local") ? 0.95 : 0.5, 3, 1.5, 4.25, 80, 4));
    }

    /**
     * local beats Stormpot at 1 thread and ties it at 2 (ratio 0.90 exactly: inconclusive), freelist
     * is 31% over its twin, commons 10% over its twin, jctools is absent, none-direct is noisy,
     * freelist allocates with 2 threads; local's and freelist's echo beat and trail Netty's.
     */
    static CompareResults results() {
        List<JmhRow> jmh = new ArrayList<>(List.of(
                pair("local", "pair1Thread", 4.5, 0.01), pair("local", "pair2Threads", 5.4, 0.02, 0.02),
                pair("stormpot-never", "pair1Thread", 6.0, 0), pair("stormpot-never", "pair2Threads", 6.0, 0.02, 0),
                pair("freelist", "pair1Thread", 23.6, 0.01), pair("freelist", "pair2Threads", 150, 3.4),
                pair("raw-freelist", "pair1Thread", 18.0, 0), pair("raw-local", "pair1Thread", 4.0, 0),
                pair("commons", "pair1Thread", 990, 90), pair("raw-commons", "pair1Thread", 900, 99),
                pair("none-heap", "pair1Thread", 300, 4112), pair("none-direct", "pair1Thread", 600, 1.5, 136),
                failed("netty-pooled", "pair1Thread"),
                atomic("plainStore", 0.5), atomic("cas", 4.4), atomic("reentrantLock", 11)));
        List<EchoRun> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            runs.add(run("local", r, 100_000 + r * 1000, 1_000, 1024L));
            runs.add(run("freelist", r, 80_000 + r * 1000, 1_000, 1024L));
            runs.add(run("none", r, 90_000, 400_000L * 4 * 4096, 0L));
            runs.add(run("netty", r, 95_000 + r * 2000, 100_000_000, null));
        }
        List<String> targets = List.of("local", "freelist", "none", "netty");
        List<EchoSummary> echo = EchoPhase.summarize(targets, runs);
        List<String> backends = List.of("commons", "freelist", "jctools", "local");
        return new CompareResults(new Environment("Test JDK 17", "Test VM", "Linux", "Test CPU", 2, 1024,
                List.of("G1 Young Generation", "G1 Old Generation"), "2026-01-02T03:04:05Z"),
                "./poolkit compare --quick", "abc1234", CompareSettings.quick(), 1234L, backends,
                CompareCommand.configurations(List.of("local", "raw-local"), List.of("none")),
                "16 connections, 4096 B messages, closed loop", jmh, runs, echo,
                Targets.evaluate(jmh, echo, backends), 170, 0.2, 1.1);
    }
}
