package dev.poolkit.bench.compare;

import dev.poolkit.bench.jmh.AtomicCost;
import dev.poolkit.bench.jmh.Harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exactly what a compare run does; the report prints it in full so anyone can repeat the run.
 * Three presets: {@link #quick()} (about 5 minutes on 2 cores), {@link #full()} and
 * {@link #smoke()} (seconds; proves the pipeline works, measures nothing worth reading).
 */
public record CompareSettings(String preset, Jmh jmh, Echo echo) {

    /**
     * JMH settings. Each row gets {@code forks} forks, but one fork per trial: fork f of every row
     * runs in pass f, and each pass runs the rows in a new random order, so drift over the run lands
     * on every row alike and shows up as fork-to-fork variance, where the interval sees it.
     * {@code forks = 0} runs one pass inside this JVM (the smoke preset).
     *
     * @param jvmArgs what every fork's JVM gets ({@link Harness#JVM_ARGS})
     */
    public record Jmh(int forks, int warmupIterations, long warmupMillis, int iterations, long iterationMillis,
                      List<String> jvmArgs, List<JmhCase> cases) {
        /** Passes over the rows: one per fork, or one in-process pass. */
        public int passes() {
            return Math.max(1, forks);
        }

        /** Seconds one trial takes, for the duration estimate: the configured time plus the allowance. */
        double secondsPerTrial() {
            double overhead = forks == 0 ? IN_PROCESS_ALLOWANCE_SECONDS : FORK_ALLOWANCE_SECONDS;
            return overhead + (warmupIterations * warmupMillis + iterations * iterationMillis) / 1000.0;
        }
    }

    /** Whose rows a case has: the buffer subjects, the object subjects, or the benchmark's own methods. */
    public enum Rows {
        BLOCKS, OBJECTS, METHODS
    }

    /**
     * One benchmark method with fixed parameters; the rows are filled in at run time. For
     * {@link Rows#METHODS} the rows are the benchmark's methods and {@code method} is empty.
     *
     * @param opsPerUnit JMH operations per reported unit: 2 for a hand-off (its produce and its
     *                   consume), so B/op is per hand-off; 1 otherwise
     */
    public record JmhCase(String benchmark, String method, Map<String, String> params, Rows rows, int opsPerUnit) {
        public JmhCase {
            params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params)); // stable labels and order
        }

        JmhCase(String benchmark, String method, Map<String, String> params, Rows rows) {
            this(benchmark, method, params, rows, 1);
        }

        public String label() {
            StringBuilder sb = new StringBuilder(benchmark.replace("Benchmark", ""));
            if (!method.isEmpty()) {
                sb.append('.').append(method);
            }
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /**
     * Echo settings: the same load against every server, each in a fresh JVM.
     *
     * @param serverThreads event loops of every server; with the client on the same 2 cores, one
     *                      loop each for client and server keeps them from fighting over cores
     */
    public record Echo(int connections, String sizes, long warmupMillis, long durationMillis, int rounds,
                       int serverThreads, int clientThreads, int blockSize, int poolSize, List<String> serverJvmArgs,
                       List<Double> rateFractions, long rateMillis, int twoLoopRounds) {
        /** Settings without a fixed-rate series or a two-loop scenario. */
        public Echo(int connections, String sizes, long warmupMillis, long durationMillis, int rounds,
                    int serverThreads, int clientThreads, int blockSize, int poolSize, List<String> serverJvmArgs) {
            this(connections, sizes, warmupMillis, durationMillis, rounds, serverThreads, clientThreads, blockSize,
                    poolSize, serverJvmArgs, List.of(), 0, 0);
        }

        /**
         * The two-loop scenario: the same load against servers with 2 event loops sharing one pool,
         * {@code twoLoopRounds} rounds, no fixed-rate series.
         */
        Echo twoLoops() {
            return new Echo(connections, sizes, warmupMillis, durationMillis, twoLoopRounds, 2, clientThreads,
                    blockSize, poolSize, serverJvmArgs, List.of(), 0, 0);
        }

        /**
         * Seconds one server run takes, for the duration estimate: warmup, measurement and the
         * allowance, and (spread over the rounds: the series runs in the first round only) the
         * fixed-rate series with a short warmup per rate.
         */
        double secondsPerRun() {
            double series = rateFractions().size() * (rateMillis + rateWarmupMillis()) / 1000.0 / Math.max(1, rounds);
            return SERVER_ALLOWANCE_SECONDS + (warmupMillis + durationMillis) / 1000.0 + series;
        }

        /** A results.json written before the series existed has none: read as empty. */
        @Override
        public List<Double> rateFractions() {
            return rateFractions == null ? List.of() : rateFractions;
        }

        /** The warmup of each fixed-rate run: the server is warm already, the schedule needs to settle. */
        long rateWarmupMillis() {
            return Math.min(500, rateMillis / 4);
        }

        Echo withRounds(int n) {
            return new Echo(connections, sizes, warmupMillis, durationMillis, n, serverThreads, clientThreads,
                    blockSize, poolSize, serverJvmArgs, rateFractions, rateMillis, twoLoopRounds);
        }
    }

    /** The fixed-rate series: 25, 50, 75 and 90% of each server's closed-loop maximum. */
    static final List<Double> RATE_FRACTIONS = List.of(0.25, 0.5, 0.75, 0.9);

    /**
     * Allowances for what the settings do not fix, used only by {@link #estimateSeconds} (the
     * announced duration), never by a result: starting a fork and JMH's set-up, one trial inside this
     * JVM, and starting and stopping a server JVM. Generous rather than exact.
     */
    private static final double FORK_ALLOWANCE_SECONDS = 0.6;
    private static final double IN_PROCESS_ALLOWANCE_SECONDS = 0.1;
    private static final double SERVER_ALLOWANCE_SECONDS = 1.2;

    private static final String PAIR = "BlockPairBenchmark";
    /** Every server JVM: a fixed heap and the same named collector as the JMH forks. */
    private static final List<String> SERVER_JVM = List.of("-Xms512m", "-Xmx512m", Harness.GC);
    private static final JmhCase ATOMIC = new JmhCase(AtomicCost.class.getSimpleName(), "", Map.of(), Rows.METHODS);

    private static List<JmhCase> quickCases() {
        return List.of(
                new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", "4096"), Rows.BLOCKS),
                new JmhCase(PAIR, "pair2Threads", Map.of("blockSize", "4096"), Rows.BLOCKS),
                new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), Rows.OBJECTS),
                ATOMIC);
    }

    /**
     * Two forks of short iterations: fork-to-fork variance is in every interval, in about 5 minutes
     * here. Half a second of warmup before four measured iterations: in the quick runs with 360 ms
     * (3 x 120) and 400 ms (4 x 100) of warmup, a row's first measured iteration was still above
     * the rest of its fork on average, and the iterations after 500 ms were not (the per-iteration
     * scores in docs/results-quick/results.json and docs/results-matrix's cells).
     */
    public static CompareSettings quick() {
        return new CompareSettings("quick",
                new Jmh(2, 5, 100, 4, 100, Harness.JVM_ARGS, quickCases()),
                // A 3 s warmup: every server is a fresh JVM, and the Netty reference's deeper call
                // paths take seconds of load to compile: in back-to-back ./poolkit load runs on one
                // fresh Netty server its throughput kept rising for three runs of 1 s + 3 s, and with
                // a 1 s warmup the reference measured far below its steady state.
                new Echo(16, "4k", 3000, 1500, 3, 1, 1, 4096, 1024, SERVER_JVM, RATE_FRACTIONS, 600, 1));
    }

    public static CompareSettings smoke() {
        return new CompareSettings("smoke",
                new Jmh(0, 0, 0, 2, 30, Harness.JVM_ARGS, List.of(
                        new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", "4096"), Rows.BLOCKS),
                        new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), Rows.OBJECTS), ATOMIC)),
                new Echo(4, "4k", 200, 500, 1, 1, 1, 4096, 256, SERVER_JVM, List.of(0.5), 300, 1));
    }

    public static CompareSettings full() {
        List<JmhCase> cases = new ArrayList<>();
        for (String size : List.of("64", "4096", "65536")) {
            cases.add(new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", size), Rows.BLOCKS));
            cases.add(new JmhCase(PAIR, "pair2Threads", Map.of("blockSize", size), Rows.BLOCKS));
        }
        for (String k : List.of("1", "16", "256")) {
            cases.add(new JmhCase("BlockBurstBenchmark", "burst1Thread", Map.of("blockSize", "4096", "k", k),
                    Rows.BLOCKS));
            cases.add(new JmhCase("BlockBurstBenchmark", "burst2Threads", Map.of("blockSize", "4096", "k", k),
                    Rows.BLOCKS));
        }
        cases.add(new JmhCase("HandOffBenchmark", "handOff", Map.of("blockSize", "4096"), Rows.BLOCKS, 2));
        cases.add(new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), Rows.OBJECTS));
        cases.add(new JmhCase("ObjectPoolBenchmark", "pair2Threads", Map.of(), Rows.OBJECTS));
        cases.add(ATOMIC);
        return new CompareSettings("full",
                new Jmh(3, 3, 500, 6, 500, Harness.JVM_ARGS, cases),
                new Echo(16, "4k", 2000, 10000, 4, 1, 1, 4096, 1024, SERVER_JVM, RATE_FRACTIONS, 5000, 2));
    }

    CompareSettings withRounds(int rounds) {
        return new CompareSettings(preset, jmh, echo.withRounds(rounds));
    }

    CompareSettings withoutJmh() {
        return new CompareSettings(preset, new Jmh(jmh.forks(), jmh.warmupIterations(), jmh.warmupMillis(),
                jmh.iterations(), jmh.iterationMillis(), jmh.jvmArgs(), List.of()), echo);
    }

    /** The rows of {@code c}: {@code blockRows}, {@code objectRows} or the benchmark's methods. */
    static List<String> rowsOf(JmhCase c, List<String> blockRows, List<String> objectRows) {
        switch (c.rows()) {
            case BLOCKS:
                return blockRows;
            case OBJECTS:
                return objectRows;
            default:
                if (!c.benchmark().equals(AtomicCost.class.getSimpleName())) {
                    throw new IllegalArgumentException("no method list for " + c.benchmark());
                }
                return AtomicCost.ROWS;
        }
    }

    /** The two-loop scenario runs our server only: every echo target but the Netty reference and none. */
    static int twoLoopTargets(int servers) {
        return Math.max(0, servers - 2);
    }

    /** What the run will take, in seconds, for these JMH rows and {@code servers} echo targets. */
    public double estimateSeconds(List<String> blockRows, List<String> objectRows, int servers) {
        double trials = 0;
        for (JmhCase c : jmh.cases()) {
            trials += rowsOf(c, blockRows, objectRows).size();
        }
        return trials * jmh.passes() * jmh.secondsPerTrial() + (double) servers * echo.rounds() * echo.secondsPerRun()
                + (double) twoLoopTargets(servers) * echo.twoLoopRounds() * echo.twoLoops().secondsPerRun();
    }
}
