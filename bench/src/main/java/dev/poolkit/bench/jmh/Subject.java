package dev.poolkit.bench.jmh;

/**
 * One row of a benchmark table: something that hands out a buffer or an object and takes it back.
 * A Poolkit backend, the no-pool baseline, or a library used raw, all behind the same two calls so
 * every row runs the very same benchmark code.
 *
 * <p>An abstract class rather than an interface on purpose: each JMH trial runs in its own fork
 * and loads exactly one subclass, so class-hierarchy analysis lets the JIT call it directly with
 * no type check, and the wrapper costs every row the same (nothing).
 */
public abstract class Subject implements AutoCloseable {
    /** A buffer or object, never null. Throws when the subject is exhausted (never waits forever). */
    public abstract Object acquire();

    /** Gives back what {@link #acquire()} returned, on any thread. */
    public abstract void release(Object item);

    @Override
    public void close() {
    }
}
