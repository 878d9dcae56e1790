package dev.poolkit.api.local;

import dev.poolkit.api.AbstractObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolThreadState;

import java.lang.ref.WeakReference;
import java.util.Arrays;
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
 * until it dies; the pool then shares them.
 *
 * <p>The caches belong to the pool, not to the thread: the thread's state (a {@code ThreadLocal}
 * value) reaches its cache only through a weak reference. Pooled objects often point back at
 * their pool (a connection that returns itself); if the thread's state held them strongly, the
 * pool would stay reachable from the thread, and live as long as every thread that ever used it.
 *
 * <p>maxIdle: the rings admit {@code maxIdle - cacheSize} between them, so one thread never keeps
 * more than maxIdle idle objects; with n threads the total can reach that plus (n - 1) caches
 * (hence no {@code EXACT_MAX_IDLE}).
 */
final class LocalObjectPool<T> extends AbstractObjectPool<T, LocalObjectPool.CacheRef> {
    private static final System.Logger LOG = System.getLogger(LocalObjectPool.class.getName());
    /** Enough to absorb a burst of one thread's acquires without touching the rings. */
    static final int MAX_CACHE = 16;

    private final int cacheSize;
    private final int sharedLimit;
    private volatile MpmcRing<T> primary;
    private volatile MpmcRing<T> victim;
    private volatile int gcEpoch;
    private final Object rotation = new Object();
    /** Every live thread's cache, held strongly here (copy-on-write under itself). */
    private volatile Cache[] caches = new Cache[0];

    LocalObjectPool(ObjectPoolConfig<T> config) {
        super(LocalBackend.NAME, config);
        int maxIdle = config.maxIdle();
        this.cacheSize = Math.min(MAX_CACHE, maxIdle / 2);
        this.sharedLimit = maxIdle - cacheSize;
        this.primary = new MpmcRing<>(sharedLimit);
        this.victim = new MpmcRing<>(sharedLimit);
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
    protected CacheRef newThreadState() {
        Cache c = new Cache(cacheSize, gcEpoch);
        synchronized (this) {
            Cache[] old = caches;
            Cache[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = c;
            caches = grown;
        }
        return new CacheRef(c);
    }

    @Override
    protected T pollIdle(CacheRef ref) {
        Cache c = ref.cache();
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
    protected boolean offerIdle(CacheRef ref, T object) {
        Cache c = ref.cache();
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
        int now = gcEpoch;
        int passed = now - c.epoch;
        c.epoch = now;
        while (c.count > 0) {
            T o = pop(c);
            // Survived one GC: keep it one more cycle, in victim. Survived two: drop it.
            if (passed > 1 || victim.size() + primary.size() >= sharedLimit || !victim.offer(o)) {
                dropQuietly(o);
            }
        }
    }

    /**
     * Drops an idle object on the pool's own initiative (ageing, a dead thread, a GC): the user's
     * onDiscard runs, but if it throws, the exception is logged rather than surfacing from an
     * unrelated acquire or release.
     */
    private void dropQuietly(T o) {
        try {
            discardIdle(o);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onDiscard of " + describe() + " threw while dropping an idle object", e);
        }
    }

    /** Called by {@link GcSentinel} on its thread after each collection. */
    void onGc() {
        synchronized (rotation) {
            MpmcRing<T> dying = victim;
            victim = primary;
            try {
                drain(dying, this::dropQuietly);
            } finally {
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
    protected void onThreadRetired(CacheRef ref) {
        Cache c = ref.cache();
        synchronized (this) {
            Cache[] old = caches;
            caches = Arrays.stream(old).filter(x -> x != c).toArray(Cache[]::new);
        }
        // The dead thread's objects are still good: share them if there is room.
        while (c.count > 0) {
            T o = pop(c);
            if (isClosed() || !offerShared(o)) {
                dropQuietly(o);
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
        Cache mine = currentThreadState().cache();
        while (mine.count > 0) {
            sink.accept(pop(mine));
        }
        // Other live threads' caches are theirs to touch; they are dropped when those threads die.
    }

    @Override
    public int idle() {
        reclaimDeadThreads();
        int cached = 0;
        for (Cache c : caches) {
            cached += c.count; // racy reads of other threads' counts: an estimate, all idle() promises
        }
        return primary.size() + victim.size() + cached;
    }

    /** One thread's cache of idle objects. Touched only by its owner (or after the owner died). */
    static final class Cache {
        final Object[] slots;
        int count;
        int epoch;

        Cache(int size, int epoch) {
            this.slots = new Object[size];
            this.epoch = epoch;
        }
    }

    /** The thread's state: counters, and a weak way to its cache (which the pool holds strongly). */
    static final class CacheRef extends PoolThreadState {
        private final WeakReference<Cache> cache;

        CacheRef(Cache cache) {
            this.cache = new WeakReference<>(cache);
        }

        /** Never null while the pool is reachable, since the pool holds every cache strongly. */
        Cache cache() {
            return cache.get();
        }
    }
}
