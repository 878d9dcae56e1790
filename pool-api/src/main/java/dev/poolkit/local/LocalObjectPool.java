package dev.poolkit.local;

import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.internal.MpmcRing;
import dev.poolkit.internal.ThreadCaches;
import dev.poolkit.spi.AbstractObjectPool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
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
 * or more). The caches of threads that died are taken back at the next collection, or sooner by a
 * thread that registers in their slot.
 *
 * <p>Caches are for platform threads that find a slot in the pool's {@link ThreadCaches} table;
 * virtual threads and the rest use the rings, so objects released by one thread are reused by the
 * next whatever the threading model. The table holds the caches, so no thread keeps the pool (or
 * the objects, which often point back at it) alive.
 *
 * <p>maxIdle: the rings admit {@code maxIdle - cacheSize} between them and each cache holds at most
 * {@code cacheSize}, with caches sized so that all of them together hold at most maxIdle / 2; so
 * idle objects never exceed maxIdle plus that constant, whatever the number of threads (hence no
 * {@code EXACT_MAX_IDLE}).
 *
 * <p>Close drains the rings, the caller's cache and the caches of threads that died; a live
 * thread's cache is its own to touch, so its objects go to onDiscard when that thread next uses the
 * closed pool, or at the first collection after it dies.
 */
final class LocalObjectPool<T> extends AbstractObjectPool<T> {
    /** Enough to absorb a burst of one thread's acquires without touching the rings. */
    static final int MAX_CACHE = 16;
    /** All caches together hold at most 1 / CACHED_SHARE of maxIdle. */
    private static final int CACHED_SHARE = 2;

    private final ThreadCaches<Cache> caches = new ThreadCaches<>();
    private final int cacheSize;
    private final int sharedLimit;
    private volatile MpmcRing<T> primary;
    private volatile MpmcRing<T> victim;
    /** Collections seen so far; a cache whose epoch differs has objects to age. */
    private volatile int gcEpoch;
    // The rings' traffic, and the counts of caches taken back (slow paths: one more atomic beside the ring's).
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder sharedKept = new LongAdder();
    private final LongAdder retiredHits = new LongAdder();
    private final LongAdder retiredKept = new LongAdder();

    LocalObjectPool(ObjectPoolConfig<T> config) {
        super(LocalBackend.NAME, config);
        int maxIdle = config.maxIdle();
        this.cacheSize = cacheSize(maxIdle, caches.slots());
        this.sharedLimit = maxIdle - cacheSize;
        this.primary = new MpmcRing<>(sharedLimit);
        this.victim = new MpmcRing<>(sharedLimit);
        GcSentinel.register(this);
    }

    /** Objects one cache holds: maxIdle / 2 shared by every slot of the table, at most {@value #MAX_CACHE}. */
    static int cacheSize(int maxIdle, int slots) {
        return Math.min(MAX_CACHE, maxIdle / (CACHED_SHARE * slots));
    }

    int cacheSize() {
        return cacheSize;
    }

    @Override
    protected T pollIdle() {
        Cache c = cacheOf(Thread.currentThread());
        if (c != null) {
            if (c.epoch != gcEpoch) {
                age(c);
            }
            int n = c.count - 1;
            if (n >= 0) {
                @SuppressWarnings("unchecked") // only T is ever stored
                T o = (T) c.slots[n];
                c.slots[n] = null; // do not keep a handed-out object reachable from the cache
                c.count = n;
                c.countHit();
                return o;
            }
        }
        T o = primary.poll();
        if (o == null) {
            o = victim.poll();
        }
        if (o != null) {
            sharedHits.increment();
        }
        return o;
    }

    @Override
    protected boolean offerIdle(T object) {
        Cache c = cacheOf(Thread.currentThread());
        if (c != null) {
            if (c.epoch != gcEpoch) {
                age(c);
            }
            int n = c.count;
            if (n < c.slots.length) {
                c.slots[n] = object;
                c.count = n + 1;
                c.countKept();
                return true;
            }
        }
        if (offerShared(object)) {
            sharedKept.increment();
            return true;
        }
        return false;
    }

    /** The thread's cache, registering one if there is room; null for virtual threads and the rest. */
    private Cache cacheOf(Thread t) {
        Cache c = caches.mine(t);
        if (c == null && cacheSize > 0) {
            c = caches.register(t, () -> new Cache(cacheSize, gcEpoch), this::takeBack);
        }
        return c;
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
        c.slots[n] = null;
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
            if (passed > 1 || victim.size() + primary.size() >= sharedLimit || !offerOpen(victim, o)) {
                discardQuietly(o);
            }
        }
    }

    /**
     * Offers to a ring unless the pool is closed; true iff the ring kept it. An offer that races a
     * close drains the rings again, so nothing stays kept by a closed pool.
     */
    private boolean offerOpen(MpmcRing<T> ring, T o) {
        if (isClosed() || !ring.offer(o)) {
            return false;
        }
        if (isClosed()) {
            drainRings();
        }
        return true;
    }

    /** Called by {@link GcSentinel} on its thread after each collection; true iff it should keep calling. */
    boolean onGc() {
        // Only the sentinel's one thread rotates. Meanwhile primary and victim are the same ring,
        // which is harmless: an offer or poll on either reaches it.
        MpmcRing<T> dying = victim;
        victim = primary;
        try {
            drain(dying, this::discardQuietly);
        } finally {
            primary = dying; // a stale offer into it is harmless: it is polled like any ring
            gcEpoch = gcEpoch + 1;
        }
        caches.reapDead(this::takeBack);
        if (!isClosed()) {
            return true;
        }
        drainRings();
        return anyCached();
    }

    private void drainRings() {
        drain(primary, this::discardQuietly);
        drain(victim, this::discardQuietly);
    }

    private static <T> void drain(MpmcRing<T> ring, Consumer<? super T> sink) {
        for (T o = ring.poll(); o != null; o = ring.poll()) {
            sink.accept(o);
        }
    }

    /** A cache whose owner died, now ours alone: its objects are still good, so share them if there is room. */
    private void takeBack(Cache c) {
        retiredHits.add(c.hits());
        retiredKept.add(c.kept());
        while (c.count > 0) {
            T o = pop(c);
            if (isClosed() || !offerShared(o)) {
                discardQuietly(o);
            } else if (isClosed()) {
                drainRings(); // close() ran since the check above, and may have drained already
            }
        }
    }

    private boolean anyCached() {
        boolean[] any = {false};
        caches.forEach(c -> any[0] |= c.count > 0); // racy reads of live threads' counts
        return any[0];
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        drain(primary, sink);
        drain(victim, sink);
        caches.reapDead(this::takeBack); // after close: takeBack drops rather than shares
        drainOwn(sink);
    }

    private void drainOwn(Consumer<? super T> sink) {
        Cache mine = caches.mine(Thread.currentThread());
        while (mine != null && mine.count > 0) {
            sink.accept(pop(mine));
        }
    }

    @Override
    protected void onClose() {
        if (!anyCached()) {
            GcSentinel.unregister(this); // else the collector keeps calling onGc until they are gone
        }
    }

    @Override
    protected void onUseAfterClose() {
        drainOwn(this::discardQuietly);
    }

    @Override
    protected long idleHits() {
        long[] sum = {retiredHits.sum()}; // retired before live: a cache moving between them is missed, not counted twice
        caches.forEach(c -> sum[0] += c.hits());
        return sum[0] + sharedHits.sum();
    }

    @Override
    protected long idleKept() {
        long[] sum = {sharedKept.sum()};
        caches.forEach(c -> sum[0] += c.kept()); // live before retired: may count one twice, never miss it
        return sum[0] + retiredKept.sum();
    }

    @Override
    public int idle() {
        int[] cached = {0};
        caches.forEach(c -> cached[0] += c.count); // racy reads of other threads' counts: an estimate
        return primary.size() + victim.size() + cached[0];
    }

    /** One platform thread's cache of idle objects. Touched only by its owner (or after the owner died). */
    static final class Cache extends ThreadCaches.Owned {
        private static final VarHandle HITS;
        private static final VarHandle KEPT;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                HITS = l.findVarHandle(Cache.class, "hits", long.class);
                KEPT = l.findVarHandle(Cache.class, "kept", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Object[] slots;
        int count;
        int epoch;
        // Written by the owner only, with opaque stores (plain on x86) so that stats() reads whole values.
        private long hits;
        private long kept;

        Cache(int size, int epoch) {
            this.slots = new Object[size];
            this.epoch = epoch;
        }

        void countHit() {
            HITS.setOpaque(this, hits + 1);
        }

        void countKept() {
            KEPT.setOpaque(this, kept + 1);
        }

        long hits() {
            return (long) HITS.getOpaque(this);
        }

        long kept() {
            return (long) KEPT.getOpaque(this);
        }
    }
}
