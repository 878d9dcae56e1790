package dev.poolkit.bench.compare;

import dev.poolkit.bench.Environment;
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

    static JmhRow pair(String subject, String method, double median, double alloc) {
        int threads = method.equals("pair1Thread") ? 1 : 2;
        return new JmhRow("BlockPair." + method + " blockSize=4096", "BlockPairBenchmark", method,
                Map.of("blockSize", "4096"), threads, subject, median, median * 1.01, median * 0.05, "ns/op", alloc,
                List.of(median * 0.98, median, median * 1.05), null);
    }

    static JmhRow failed(String subject, String method) {
        return new JmhRow("BlockPair." + method + " blockSize=4096", "BlockPairBenchmark", method,
                Map.of("blockSize", "4096"), 1, subject, Double.NaN, Double.NaN, Double.NaN, "ns/op", Double.NaN,
                List.of(), "failed: java.lang.IllegalStateException: boom");
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

    /** local meets everything, freelist misses speed, commons is 10% over raw, jctools is absent. */
    static CompareResults results() {
        List<JmhRow> jmh = new ArrayList<>(List.of(
                pair("local", "pair1Thread", 4.5, 0.01), pair("local", "pair2Threads", 4.9, 0.02),
                pair("freelist", "pair1Thread", 23.6, 0.01), pair("freelist", "pair2Threads", 150, 0.01),
                pair("commons", "pair1Thread", 990, 90), pair("raw-commons", "pair1Thread", 900, 99),
                pair("none-heap", "pair1Thread", 300, 4112), failed("netty", "pair1Thread")));
        List<EchoRun> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            runs.add(run("local", r, 100_000 + r * 1000, 1_000, 1024L));
            runs.add(run("freelist", r, 80_000 + r * 1000, 1_000, 1024L));
            runs.add(run("none", r, 90_000, 400_000L * 4 * 4096, 0L));
            runs.add(run("netty", r, 95_000 + r * 2000, 100_000_000, null));
        }
        List<String> targets = List.of("local", "freelist", "none", "netty");
        List<EchoSummary> echo = EchoPhase.summarize(targets, runs);
        return new CompareResults(new Environment("Test JDK 17", "Test VM", "Linux", "Test CPU", 2, 1024,
                "2026-01-02T03:04:05Z"), "./poolkit compare --quick", "abc1234", CompareSettings.quick(),
                List.of("freelist", "local"), "16 connections, 4096 B messages, closed loop", jmh, runs, echo,
                Targets.evaluate(jmh, echo), 170, 0.2, 1.1);
    }
}
