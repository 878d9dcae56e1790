package dev.poolkit.bench.jmh;

/**
 * One row of a benchmark table: something that hands out a buffer or an object and takes it back.
 * A Poolkit backend, the no-pool baseline, a bare twin, or a library used as its authors document,
 * all behind the same two calls so every row runs the very same benchmark code.
 *
 * <p>An abstract class rather than an interface on purpose: each JMH trial runs in its own fork
 * and loads one subclass (a row's per-thread handle is an instance of the same class), so
 * class-hierarchy analysis lets the JIT call it directly, and the wrapper costs every row the
 * same.
 */
public abstract class Subject implements AutoCloseable {
    /** A buffer or object, never null. Throws when the subject is exhausted (never waits forever). */
    public abstract Object acquire();

    /** Gives back what {@link #acquire()} returned, on any thread. */
    public abstract void release(Object item);

    /**
     * What the calling thread uses: the subject itself, unless the library documents per-thread
     * state as its fast path (Stormpot: one thread-local tap per thread). Benchmarks call it once
     * per thread, from that thread, and keep the result in a {@code Scope.Thread} state.
     */
    public Subject forThread() {
        return this;
    }

    /**
     * Bytes this row allocates on each acquire, to be dropped after release: 0 for every row that
     * pools. The benchmarks run such a row through its memory before they measure it ({@link
     * Priming}).
     */
    public long bytesPerUse() {
        return 0;
    }

    @Override
    public void close() {
    }
}
