package dev.poolkit.spi;

import dev.poolkit.internal.Threads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What {@link AbstractBlockPool} and {@link AbstractObjectPool} share: the backend's name, the
 * settings, the closed flag and the high-water mark.
 *
 * @param <C> the settings type
 */
public abstract class AbstractPool<C> {
    private static final VarHandle CLOSED;
    private static final VarHandle HIGH_WATER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLOSED = l.findVarHandle(AbstractPool.class, "closed", boolean.class);
            HIGH_WATER = l.findVarHandle(AbstractPool.class, "highWater", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String backend;
    private final C config;
    private volatile boolean closed;
    /** Only grows; see {@link #raiseHighWater}. */
    private volatile long highWater;

    protected AbstractPool(String backend, C config) {
        this.backend = backend;
        this.config = config;
    }

    /** The registered name of the backend behind this pool. */
    public final String backend() {
        return backend;
    }

    public final C config() {
        return config;
    }

    public final boolean isClosed() {
        return closed;
    }

    /** Marks the pool closed; true for the one call that closed it, false if it already was. */
    protected final boolean markClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    /** The high-water mark so far. */
    protected final long highWater() {
        return highWater;
    }

    /**
     * Raises the high-water mark to {@code n} if that is a new high; cheap when it is not (one read
     * of a field that rarely changes), so it may sit on a hot path.
     */
    protected final void raiseHighWater(long n) {
        if (n > highWater) {
            raiseSlow(n);
        }
    }

    private void raiseSlow(long n) {
        long h = highWater;
        while (n > h && !HIGH_WATER.weakCompareAndSet(this, h, n)) {
            h = highWater;
        }
    }

    /**
     * Whether {@code t} is a virtual thread (always false before Java 21). A backend keeps no state
     * of its own for those: there may be millions, each living for one task.
     */
    protected static boolean isVirtual(Thread t) {
        return Threads.isVirtual(t);
    }

    /** Backend, kind and identity (and geometry where there is one), for messages. */
    public abstract String describe();

    @Override
    public String toString() {
        return describe();
    }
}
