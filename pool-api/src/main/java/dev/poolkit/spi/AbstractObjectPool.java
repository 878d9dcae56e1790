package dev.poolkit.spi;

import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolException;
import dev.poolkit.api.PoolMisuseException;
import dev.poolkit.api.PoolStats;

import dev.poolkit.internal.ObjectPoolJmx;
import dev.poolkit.internal.PoolJmx;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * The shared half of an {@link ObjectPool} backend: factory and reset calls, misuse checks,
 * statistics and close. A backend supplies its idle store ({@link #pollIdle}, {@link #offerIdle},
 * {@link #drainIdle}) and counts what passes through it ({@link #idleHits}, {@link #idleKept}),
 * where it already synchronises; this layer adds nothing to the hot path but a volatile read, and
 * counts only slow paths (new objects, dropped objects).
 *
 * <p>With {@link ObjectPoolConfig#jmxName()} set, this constructor registers the pool's MXBean, so
 * a backend checks its settings before calling it (in the argument of {@code super}) and must not
 * fail after it returns: the name would stay taken.
 *
 * @param <T> the pooled type
 */
public abstract class AbstractObjectPool<T> extends AbstractPool<ObjectPoolConfig<T>> implements ObjectPool<T> {
    private static final System.Logger LOG = System.getLogger(ObjectPool.class.getName());

    private final Supplier<? extends T> factory;
    private final Consumer<? super T> reset;
    private final Consumer<? super T> onDiscard;
    private final LongAdder misses = new LongAdder();
    private final LongAdder releaseDiscards = new LongAdder();
    /** Objects made and not yet dropped; changes only on the slow paths (make, drop). */
    private final AtomicLong live = new AtomicLong();
    /** The most releases a snapshot has counted: {@link #stats()} never reports fewer. */
    private final AtomicLong releasesSeen = new AtomicLong();
    /** The MXBean's name while registered ({@link ObjectPoolConfig#jmxName()}), else null. */
    private final ObjectName jmx;

    @SuppressWarnings("this-escape") // the MXBean reads the pool only once a caller asks, after construction
    protected AbstractObjectPool(String backend, ObjectPoolConfig<T> config) {
        super(backend, config);
        this.factory = config.factory();
        this.reset = config.reset();
        this.onDiscard = config.onDiscard();
        // A backend's constructor must not fail after this one returns (see the class comment).
        this.jmx = PoolJmx.register(config.jmxName(), "ObjectPool", new ObjectPoolJmx(config.jmxName().orElse(null),
                this));
    }

    // ---------------------------------------------------------------- backend hooks

    /** Removes and returns an idle object, or null if none is at hand. Must not block. */
    protected abstract T pollIdle();

    /** Keeps a released (already reset) object; returns false to have it dropped instead. */
    protected abstract boolean offerIdle(T object);

    /**
     * Removes every idle object it can reach and passes each to {@code sink} (on close; the sink
     * counts the drop and calls onDiscard).
     */
    protected abstract void drainIdle(Consumer<? super T> sink);

    /**
     * How many objects {@link #pollIdle} has returned so far (not those {@code drainIdle} or the
     * backend's own housekeeping removed). Monotonic; counted where the store already synchronises.
     */
    protected abstract long idleHits();

    /** How many times {@link #offerIdle} has returned true so far. Monotonic. */
    protected abstract long idleKept();

    /**
     * Refuses a release before anything happens to the object, by throwing a
     * {@link PoolMisuseException} (e.g. {@link DoubleReleaseException} for a backend that tracks its
     * objects). The default accepts everything.
     */
    protected void checkRelease(T object) {
    }

    // ---------------------------------------------------------------- for backends

    /**
     * Drops an idle object on the backend's own initiative (expired, evicted, taken from a dead
     * thread's cache): counts it gone and tells the onDiscard hook, whose exception propagates.
     */
    protected final void discardIdle(T object) {
        live.decrementAndGet();
        onDiscard.accept(object);
    }

    protected final int maxIdle() {
        return config().maxIdle();
    }

    // ---------------------------------------------------------------- ObjectPool

    @Override
    public final T acquire() {
        if (isClosed()) {
            onUseAfterClose();
            throw new PoolClosedException(describe() + " is closed: you most likely acquired after close(),"
                    + " e.g. from a task still running during shutdown");
        }
        T o = pollIdle();
        return o != null ? o : create();
    }

    /**
     * Makes a new object with the config's factory and counts it as a miss; refuses null. Called by
     * {@link #acquire()} when {@link #pollIdle} finds nothing, and by a backend whose store makes
     * objects itself (Commons Pool calls its factory from inside borrowObject).
     */
    protected final T create() {
        T o = factory.get(); // if it throws, nothing has changed: the pool stays usable
        if (o == null) {
            throw new PoolException("the factory of " + describe() + " returned null; an ObjectPool never hands"
                    + " out null, so the factory must return a new object");
        }
        raiseHighWater(live.incrementAndGet()); // before the miss: stats() reads the misses, then the high water
        misses.increment();
        return o;
    }

    @Override
    public final void release(T object) {
        if (object == null) {
            throw new NullReleaseException("release(null) on " + describe() + ": you most likely released a"
                    + " field that was already cleared, or an object you never acquired");
        }
        if (isClosed()) {
            onUseAfterClose();
            dropReleased(object);
            throw new PoolClosedException("release into " + describe() + " after close(): the pool is closed, so"
                    + " the object was not kept (it went to onDiscard). Release objects before closing the pool");
        }
        checkRelease(object);
        if (!resetAndOffer(object)) {
            dropReleased(object);
        } else if (isClosed()) {
            // close() ran between our check and the offer, and may have drained already: drain
            // again so no object stays kept by a closed pool without its onDiscard.
            drainIdle(this::discardQuietly);
        }
    }

    private void dropReleased(T object) {
        releaseDiscards.increment();
        discardIdle(object);
    }

    /**
     * Resets a released object and offers it to the idle store: true iff the store kept it (on
     * false the object is counted as discarded and passed to onDiscard). The default is
     * {@link #resetReleased} then {@link #offerIdle}.
     *
     * <p>Override only when the store must claim the object before it may be reset: Commons Pool's
     * returnObject refuses a double or foreign return, then passivates, then keeps or destroys,
     * all under its per-object lock, so its refusal must come before the reset (else a refused
     * release would reset an object another thread may hold). An override throws such a refusal
     * before calling {@link #resetReleased}, and calls it exactly once for every release it accepts.
     */
    protected boolean resetAndOffer(T object) {
        resetReleased(object);
        return offerIdle(object);
    }

    /**
     * Applies the config's reset to a released object. If the reset throws, the object is dropped
     * (counted as discarded, passed to onDiscard) and the exception propagates.
     */
    protected final void resetReleased(T object) {
        try {
            reset.accept(object);
        } catch (RuntimeException | Error e) {
            dropReleased(object);
            throw e;
        }
    }

    /**
     * Acquires first, then the high-water mark, then releases, so that {@code inUse} can only be
     * understated; see {@link PoolStats}. Two bounds keep a snapshot within what is possible:
     * <ul>
     *   <li>A backend may count a release only after the object is back where another thread can
     *       take it (local's caches, a queue), so that the next acquire of that object is counted
     *       first: read apart, the object would be in use twice. But no more objects are out than
     *       exist, and the high-water mark, read after the acquires (an object is counted there
     *       before its miss), is at least that: so at least {@code acquires - highWater} releases
     *       are under way.</li>
     *   <li>A backend may move a release from kept to discarded while it is under way (Commons Pool
     *       destroying an object it had already passivated): read apart, the two counts can sum one
     *       lower than a snapshot already saw.</li>
     * </ul>
     * Releases only grow, so the most any snapshot has counted is still a count of releases under
     * way, never too many: the releases reported never go down, and never exceed the acquires.
     */
    @Override
    public final PoolStats stats() {
        long made = misses.sum();
        long acquires = idleHits() + made;
        long highWater = highWater();
        long discarded = releaseDiscards.sum();
        long counted = Math.max(idleKept() + discarded, acquires - highWater);
        long releases = Math.min(acquires, releasesSeen.accumulateAndGet(counted, Math::max));
        long inUse = acquires - releases;
        return new PoolStats(acquires, releases, made, 0, discarded, inUse, highWater);
    }

    /**
     * Drops every idle object the pool can reach, each through onDiscard; a hook that throws is
     * logged and the drain goes on, so one failing object cannot keep the rest from their hook.
     */
    @Override
    public final void close() {
        if (markClosed()) {
            PoolJmx.unregister(jmx);
            drainIdle(this::discardQuietly);
            onClose();
        }
    }

    /** {@link #discardIdle}, logging rather than propagating what the hook throws: for drops no caller asked for. */
    protected final void discardQuietly(T object) {
        try {
            discardIdle(object);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onDiscard of " + describe() + " threw while dropping an idle object", e);
        }
    }

    /**
     * Called once by the first {@link #close()}, after the idle store was drained: the place to
     * arrange for idle objects {@code drainIdle} could not reach (other threads' caches) to reach
     * onDiscard later. Must not throw.
     */
    protected void onClose() {
    }

    /**
     * Called when a thread acquires from or releases into the closed pool, before the
     * {@link PoolClosedException}: the place to drop what that thread still caches. Must not throw.
     */
    protected void onUseAfterClose() {
    }

    @Override
    public final String describe() {
        return "ObjectPool '" + backend() + "'@" + Integer.toHexString(System.identityHashCode(this));
    }
}
