package dev.poolkit.api.local;

import dev.poolkit.api.AbstractObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolThreadState;

import java.util.function.Consumer;

/**
 * The {@code local} object pool, Java's analogue of Go's {@code sync.Pool}: a small per-thread
 * cache in front of a shared lock-free store, and idle objects that go unused for about two
 * garbage collections are dropped (Go's victim cache).
 *
 * <p>The shared store is two rings, {@code primary} and {@code victim}. Releases that overflow a
 * thread's cache go to primary; acquires that miss the cache look in primary, then victim. At each
 * GC ({@link GcSentinel}) victim's objects are dropped and primary becomes the new victim, so an
 * idle object survives one collection and is dropped at the second, unless it is used in between.
 * A thread's cache ages the same way, but lazily: the next time its thread touches the pool it
 * sees how many collections have passed and hands its objects to victim (one) or drops them (two
 * or more). A thread that never touches the pool again keeps at most {@link #cacheSize} objects
 * until it dies; the pool then drops them.
 *
 * <p>maxIdle: the rings admit {@code maxIdle - cacheSize} between them, so one thread never keeps
 * more than maxIdle idle objects; with n threads the total can reach that plus (n - 1) caches
 * (hence no {@code EXACT_MAX_IDLE}).
 */
final class LocalObjectPool<T> extends AbstractObjectPool<T, LocalObjectPool.Cache> {
    /** Enough to absorb a burst of one thread's acquires without touching the rings. */
    static final int MAX_CACHE = 16;

    private final int cacheSize;
    private final int sharedLimit;
    private volatile MpmcRing<T> primary;
    private volatile MpmcRing<T> victim;
    private volatile int gcEpoch;
    private final Object rotation = new Object();

    LocalObjectPool(ObjectPoolConfig<T> config) {
        super(LocalBackend.NAME, config);
        int maxIdle = config.maxIdle();
        this.cacheSize = Math.min(MAX_CACHE, maxIdle / 2);
        this.sharedLimit = maxIdle - cacheSize;
        this.primary = new MpmcRing<>(Math.max(1, sharedLimit));
        this.victim = new MpmcRing<>(Math.max(1, sharedLimit));
        GcSentinel.register(this);
    }

    int cacheSize() {
        return cacheSize;
    }

    /** Collections this pool has seen; for tests. */
    int gcEpoch() {
        return gcEpoch;
    }

    @Override
    protected Cache newThreadState() {
        return new Cache(cacheSize, gcEpoch);
    }

    @Override
    protected T pollIdle(Cache c) {
        if (c.epoch != gcEpoch) {
            age(c);
        }
        if (c.count > 0) {
            return pop(c);
        }
        T o = primary.poll();
        return o != null ? o : victim.poll();
    }

    @Override
    protected boolean offerIdle(Cache c, T object) {
        if (c.epoch != gcEpoch) {
            age(c);
        }
        int n = c.count;
        if (n < c.slots.length) {
            c.slots[n] = object;
            c.count = n + 1;
            return true;
        }
        return offerShared(object);
    }

    private boolean offerShared(T object) {
        MpmcRing<T> p = primary;
        return p.size() + victim.size() < sharedLimit && p.offer(object);
    }

    /** Takes the most recently cached object; the cache must not be empty. */
    private T pop(Cache c) {
        int n = c.count - 1;
        @SuppressWarnings("unchecked") // only T is ever stored
        T o = (T) c.slots[n];
        c.slots[n] = null; // do not keep a handed-out object reachable from the cache
        c.count = n;
        return o;
    }

    /** Collections have passed since this cache was last touched: age its objects (slow path). */
    private void age(Cache c) {
        int passed = gcEpoch - c.epoch;
        c.epoch = gcEpoch;
        MpmcRing<T> v = victim;
        while (c.count > 0) {
            T o = pop(c);
            // Survived one GC: keep it one more cycle, in victim. Survived two: drop it.
            if (passed > 1 || victim.size() + primary.size() >= sharedLimit || !v.offer(o)) {
                discardIdle(o);
            }
        }
    }

    /** Called by {@link GcSentinel} on its thread after each collection. */
    void onGc() {
        synchronized (rotation) {
            MpmcRing<T> dying = victim;
            victim = primary;
            try {
                drain(dying, this::discardIdle);
            } finally {
                // Even if an onDiscard hook threw, finish the rotation (what is left in dying is
                // handed out again before anything is made, so nothing is lost).
                primary = dying; // a stale offer into it is harmless: it is polled like any ring
                gcEpoch = gcEpoch + 1;
            }
        }
    }

    private static <T> void drain(MpmcRing<T> ring, Consumer<? super T> sink) {
        for (T o = ring.poll(); o != null; o = ring.poll()) {
            sink.accept(o);
        }
    }

    @Override
    protected void onThreadRetired(Cache c) {
        // The dead thread's objects are still good: share them if there is room.
        while (c.count > 0) {
            T o = pop(c);
            if (isClosed() || !offerShared(o)) {
                discardIdle(o);
            }
        }
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        GcSentinel.unregister(this);
        synchronized (rotation) {
            drain(primary, sink);
            drain(victim, sink);
        }
        Cache mine = currentThreadState();
        while (mine.count > 0) {
            sink.accept(pop(mine));
        }
        // Other live threads' caches are theirs to touch; they are dropped when those threads die.
    }

    @Override
    public int idle() {
        int[] cached = {0};
        // Racy reads of other threads' counts: an estimate, which is all idle() promises here.
        forEachThreadState(c -> cached[0] += c.count);
        return primary.size() + victim.size() + cached[0];
    }

    /** One thread's cache of idle objects. Touched only by its owner (or after the owner died). */
    static final class Cache extends PoolThreadState {
        final Object[] slots;
        int count;
        int epoch;

        Cache(int size, int epoch) {
            this.slots = new Object[size];
            this.epoch = epoch;
        }
    }
}
