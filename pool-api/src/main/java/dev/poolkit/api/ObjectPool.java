package dev.poolkit.api;

/**
 * A cache of reusable objects made by a factory: Go's {@code sync.Pool} and Commons Pool's
 * {@code ObjectPool} reconciled. {@link #acquire()} returns an idle object or a new one, never
 * null; {@link #release} resets the object and keeps it, or drops it when {@code maxIdle} objects
 * are already idle. Thread-safe.
 *
 * <p><b>Memory visibility:</b> writes to an object before {@code release} happen-before the next
 * acquirer of that object returns from {@code acquire}.
 *
 * @param <T> the pooled type
 */
public interface ObjectPool<T> extends AutoCloseable {

    /**
     * An idle object, or a new one from the factory (counted as a miss). Never null.
     *
     * @throws PoolClosedException if the pool is closed
     * @throws RuntimeException    whatever the factory threw; the pool is unchanged and usable
     */
    T acquire();

    /**
     * Resets the object and keeps it for reuse, or drops it (counted as a discard) if
     * {@code maxIdle} objects are already idle. If the reset throws, the object is dropped and the
     * exception propagates.
     *
     * @throws NullReleaseException   if {@code object} is null
     * @throws DoubleReleaseException if the backend has {@link Capability#DETECTS_OBJECT_DOUBLE_RELEASE}
     *                                and the object is already idle
     * @throws PoolClosedException    if the pool is closed
     */
    void release(T object);

    ObjectPoolConfig<T> config();

    /** The registered name of the backend behind this pool. */
    String backend();

    PoolStats stats();

    /** Approximate count of idle objects held right now (exact for backends with {@link Capability#EXACT_MAX_IDLE}). */
    int idle();

    boolean isClosed();

    /** Closes the pool and drops the idle objects it can reach (each passed to {@code onDiscard}). Idempotent. */
    @Override
    void close();
}
