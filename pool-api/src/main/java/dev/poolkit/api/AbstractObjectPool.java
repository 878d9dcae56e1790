package dev.poolkit.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The shared half of an {@link ObjectPool} backend: factory and reset calls, misuse checks,
 * statistics and close. A backend supplies its idle store: {@link #pollIdle}, {@link #offerIdle}
 * and {@link #drainIdle}.
 *
 * @param <T> the pooled type
 * @param <S> the backend's per-thread state ({@link PoolThreadState} itself if it needs none)
 */
public abstract class AbstractObjectPool<T, S extends PoolThreadState> implements ObjectPool<T> {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(AbstractObjectPool.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String backend;
    private final ObjectPoolConfig<T> config;
    private final Supplier<? extends T> factory;
    private final Consumer<? super T> reset;
    private final Consumer<? super T> onDiscard;
    private final ThreadStates<S> threads;
    private volatile boolean closed;

    protected AbstractObjectPool(String backend, ObjectPoolConfig<T> config) {
        this.backend = backend;
        this.config = config;
        this.factory = config.factory();
        this.reset = config.reset();
        this.onDiscard = config.onDiscard();
        this.threads = new ThreadStates<>(this::newThreadState, this::onThreadRetired);
    }

    // ---------------------------------------------------------------- backend hooks

    /** A new state for the calling thread; called once per thread, on its first use of the pool. */
    protected abstract S newThreadState();

    /** Removes and returns an idle object, or null if none is at hand. Must not block. */
    protected abstract T pollIdle(S thread);

    /** Keeps a released (already reset) object; returns false to have it dropped instead. */
    protected abstract boolean offerIdle(S thread, T object);

    /** Removes every idle object it can reach and passes each to {@code sink} (on close). */
    protected abstract void drainIdle(Consumer<? super T> sink);

    /** Called once for each state whose thread has died; the place to take back its cache. */
    protected void onThreadRetired(S thread) {
    }

    /**
     * Refuses a release before anything happens to the object, by throwing a
     * {@link PoolMisuseException} (e.g. {@link DoubleReleaseException} for a backend that tracks its
     * objects). The default accepts everything.
     */
    protected void checkRelease(T object) {
    }

    /** Tells the onDiscard hook that the backend dropped an idle object on its own (e.g. after GCs). */
    protected final void discardIdle(T object) {
        onDiscard.accept(object);
    }

    protected final int maxIdle() {
        return config.maxIdle();
    }

    protected final void reclaimDeadThreads() {
        threads.retireDead();
    }

    /** The calling thread's state (registering it on first use). */
    protected final S currentThreadState() {
        return threads.current();
    }

    /** Visits the state of every live thread that has used this pool. Slow; for slow paths only. */
    protected final void forEachThreadState(Consumer<S> visitor) {
        threads.forEachLive(visitor);
    }

    // ---------------------------------------------------------------- ObjectPool

    @Override
    public final T acquire() {
        S t = threads.current();
        if (closed) {
            throw new PoolClosedException(describe() + " is closed: you most likely acquired after close(),"
                    + " e.g. from a task still running during shutdown");
        }
        T o = pollIdle(t);
        if (o == null) {
            o = create(t);
        }
        threads.acquired(t);
        return o;
    }

    /**
     * Makes a new object with the config's factory and counts it as a miss; refuses null. Called by
     * {@link #acquire()} when {@link #pollIdle} finds nothing, and by a backend whose store makes
     * objects itself (Commons Pool calls its factory from inside borrowObject).
     */
    protected final T create(S t) {
        T o = factory.get(); // if it throws, nothing has changed: the pool stays usable
        if (o == null) {
            throw new PoolException("the factory of " + describe() + " returned null; an ObjectPool never hands"
                    + " out null, so the factory must return a new object");
        }
        t.countMiss();
        return o;
    }

    @Override
    public final void release(T object) {
        if (object == null) {
            throw new NullReleaseException("release(null) on " + describe() + ": you most likely released a"
                    + " field that was already cleared, or an object you never acquired");
        }
        S t = threads.current();
        if (closed) {
            throw new PoolClosedException("release into " + describe() + " after close(): the pool is closed;"
                    + " the object was not kept. Release objects before closing the pool");
        }
        checkRelease(object);
        if (!resetAndOffer(t, object)) {
            t.countDiscard();
            onDiscard.accept(object);
        } else if (closed) {
            // close() ran between our check and the offer, and may have drained already: drain
            // again so no object stays kept by a closed pool without its onDiscard.
            drainIdle(onDiscard);
        }
    }

    /**
     * Resets a released object and offers it to the idle store: true iff the store kept it (on
     * false the object is counted as discarded and passed to onDiscard). The default is
     * {@link #resetReleased} then {@link #offerIdle}.
     *
     * <p>Override only when the store must claim the object before it may be reset: Commons Pool's
     * returnObject refuses a double or foreign return, then passivates, then keeps or destroys,
     * all under its per-object lock, so its refusal must come before the reset (else a refused
     * release would reset an object another thread may hold) and before anything is counted. An
     * override throws such a refusal before calling {@link #resetReleased}, and calls it exactly
     * once for every release it accepts.
     */
    protected boolean resetAndOffer(S thread, T object) {
        resetReleased(thread, object);
        return offerIdle(thread, object);
    }

    /**
     * Counts an accepted release and applies the config's reset. If the reset throws, the object
     * is dropped (counted as discarded, passed to onDiscard) and the exception propagates.
     */
    protected final void resetReleased(S thread, T object) {
        thread.countRelease();
        try {
            reset.accept(object);
        } catch (RuntimeException | Error e) {
            thread.countDiscard();
            onDiscard.accept(object);
            throw e;
        }
    }

    @Override
    public final ObjectPoolConfig<T> config() {
        return config;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final PoolStats stats() {
        return threads.snapshot();
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            drainIdle(onDiscard);
        }
    }

    public final String describe() {
        return "ObjectPool '" + backend + "'@" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public String toString() {
        return describe();
    }
}
