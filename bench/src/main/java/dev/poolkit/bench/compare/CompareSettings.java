package dev.poolkit.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * Exactly what a compare run does; the report prints it in full so anyone can repeat the run.
 * Three presets: {@link #quick()} (about 3 minutes on 2 cores), {@link #full()} and
 * {@link #smoke()} (seconds; proves the pipeline works, measures nothing worth reading).
 */
public record CompareSettings(String preset, Jmh jmh, Echo echo) {

    /**
     * JMH settings: every case runs once per subject per pass; pass p runs the subjects in
     * {@link Schedule#order} p, so order effects cancel when passes > 1.
     */
    public record Jmh(int forks, int warmupIterations, long warmupMillis, int iterations, long iterationMillis,
                      int passes, List<JmhCase> cases) {
        /** Seconds one trial takes, JVM start and JMH setup included (measured here: about 0.5 s a fork). */
        double secondsPerTrial() {
            double overhead = forks == 0 ? 0.1 : 0.5 * forks;
            return overhead + Math.max(1, forks) * (warmupIterations * warmupMillis + iterations * iterationMillis) / 1000.0;
        }
    }

    /** One benchmark method with fixed parameters; the rows ({@code pool}) are filled in at run time. */
    public record JmhCase(String benchmark, String method, Map<String, String> params, boolean objects) {
        public JmhCase {
            params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params)); // stable labels and order
        }

        public String label() {
            StringBuilder sb = new StringBuilder(benchmark.replace("Benchmark", "")).append('.').append(method);
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
                       int serverThreads, int clientThreads, int blockSize, int poolSize, List<String> serverJvmArgs) {
        /** Seconds one server run takes: JVM start and stop (about 1.2 s here), warmup, measurement. */
        double secondsPerRun() {
            return 1.2 + (warmupMillis + durationMillis) / 1000.0;
        }
    }

    private static final String PAIR = "BlockPairBenchmark";
    private static final List<String> SERVER_JVM = List.of("-Xms512m", "-Xmx512m");

    private static List<JmhCase> quickCases() {
        return List.of(
                new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", "4096"), false),
                new JmhCase(PAIR, "pair2Threads", Map.of("blockSize", "4096"), false),
                new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), true));
    }

    /**
     * Eight short iterations rather than three long ones: the 99.9% interval uses Student's t,
     * which is 31.6 for 3 samples and 5.4 for 8, so more samples buy a far tighter error.
     */
    public static CompareSettings quick() {
        return new CompareSettings("quick",
                new Jmh(1, 3, 200, 8, 200, 1, quickCases()),
                new Echo(16, "4k", 1000, 2000, 4, 1, 1, 4096, 1024, SERVER_JVM));
    }

    public static CompareSettings smoke() {
        return new CompareSettings("smoke",
                new Jmh(0, 0, 0, 1, 50, 1, List.of(new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", "4096"), false),
                        new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), true))),
                new Echo(4, "4k", 200, 500, 1, 1, 1, 4096, 256, SERVER_JVM));
    }

    public static CompareSettings full() {
        List<JmhCase> cases = new java.util.ArrayList<>();
        for (String size : List.of("64", "4096", "65536")) {
            cases.add(new JmhCase(PAIR, "pair1Thread", Map.of("blockSize", size), false));
            cases.add(new JmhCase(PAIR, "pair2Threads", Map.of("blockSize", size), false));
        }
        for (String k : List.of("1", "16", "256")) {
            cases.add(new JmhCase("BlockBurstBenchmark", "burst1Thread", Map.of("blockSize", "4096", "k", k), false));
            cases.add(new JmhCase("BlockBurstBenchmark", "burst2Threads", Map.of("blockSize", "4096", "k", k), false));
        }
        cases.add(new JmhCase("HandOffBenchmark", "handOff", Map.of("blockSize", "4096"), false));
        cases.add(new JmhCase("ObjectPoolBenchmark", "pair1Thread", Map.of(), true));
        cases.add(new JmhCase("ObjectPoolBenchmark", "pair2Threads", Map.of(), true));
        return new CompareSettings("full",
                new Jmh(1, 3, 1000, 5, 1000, 1, cases),
                new Echo(16, "4k", 2000, 10000, 4, 1, 1, 4096, 1024, SERVER_JVM));
    }

    /** What the run will take, in seconds, for {@code blockRows}/{@code objectRows} JMH rows and {@code servers} echo targets. */
    public double estimateSeconds(int blockRows, int objectRows, int servers) {
        double trials = 0;
        for (JmhCase c : jmh.cases()) {
            trials += c.objects() ? objectRows : blockRows;
        }
        return trials * jmh.passes() * jmh.secondsPerTrial() + (double) servers * echo.rounds() * echo.secondsPerRun();
    }
}
