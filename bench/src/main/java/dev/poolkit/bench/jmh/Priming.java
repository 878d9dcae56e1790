package dev.poolkit.bench.jmh;

/**
 * Brings a row that allocates per use (the no-pool baselines) to the state a server that
 * allocates per use runs in, before the benchmark measures it.
 *
 * <p>A fork commits its heap up front ({@code -Xms}), but the operating system backs a page only
 * when it is first written, and native memory the same. A row that allocates per use walks
 * through fresh pages until it has once gone round the memory it allocates from (the young
 * generation, or the direct-memory limit before the collector frees its buffers), and each fresh
 * page costs a fault. On the virtual machines we measure on that walk takes several seconds and
 * inflates the row many times over, so with short iterations the row measured first touch, not
 * allocation. A long-running server went round its memory long ago: that is the state the
 * baseline must be measured in. {@code -XX:+AlwaysPreTouch} would touch the heap of every fork,
 * at a start-up cost every row pays, and leaves native memory as it is; this runs the row itself,
 * once per trial, for the rows that allocate.
 */
public final class Priming {
    /** Set (to anything) to skip the priming: for trials run inside a JVM whose numbers mean nothing (the smoke preset). */
    public static final String SKIP_PROPERTY = "poolkit.bench.noPriming";
    /** How many times round the memory a row allocates from: once to touch it, once more to settle. */
    static final int ROUNDS = 2;
    /** A bound on the uses, so that rows of small blocks (whose faults are a small share of each use) stay quick. */
    static final long MAX_USES = 4_000_000;

    @SuppressWarnings("unused") // written only: see primed
    private static volatile Object sink;

    private Priming() {
    }

    /**
     * {@code subject}, run through {@link #usesFor} acquire+release pairs on the calling thread
     * first when it allocates per use; as it is otherwise.
     */
    public static <S extends Subject> S primed(S subject) {
        if (System.getProperty(SKIP_PROPERTY) != null) {
            return subject;
        }
        long uses = usesFor(subject.bytesPerUse(), Runtime.getRuntime().maxMemory());
        for (long i = 0; i < uses; i++) {
            Object item = subject.acquire();
            sink = item; // escapes, as the benchmark's return value does: else the JIT drops the allocation
            subject.release(item);
        }
        sink = null;
        return subject;
    }

    /**
     * Pairs that take a row of {@code bytesPerUse} round {@code memory} bytes {@link #ROUNDS}
     * times, at most {@link #MAX_USES}; 0 for a row that pools. The heap's maximum stands for
     * both heap and direct memory: the JDK's default direct-memory limit is the heap's maximum.
     */
    static long usesFor(long bytesPerUse, long memory) {
        if (bytesPerUse <= 0) {
            return 0;
        }
        long once = memory / bytesPerUse;
        // compared before multiplying: an unbounded heap (Long.MAX_VALUE) must not overflow to no priming
        return once >= MAX_USES / ROUNDS ? MAX_USES : Math.min(MAX_USES, once * ROUNDS + 1);
    }
}
