package dev.poolkit.local;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.internal.MpmcRing;
import dev.poolkit.internal.BlockHomes;
import dev.poolkit.internal.ThreadCaches;
import dev.poolkit.spi.AbstractBlockPool;

import java.util.concurrent.TimeUnit;

/**
 * The {@code local} block pool: a platform thread keeps a small magazine of free blocks in front of
 * a shared lock-free ring, the way Go's {@code sync.Pool} keeps a per-P cache in front of shared
 * chains (and Bonwick's slab allocator keeps per-CPU magazines in front of its depot).
 *
 * <p>Fast path: acquire and release find the caller's magazine in the pool's {@link ThreadCaches}
 * table (no {@code ThreadLocal}: the thread's id, a mask and two array reads) and pop from it or
 * push onto it; a {@link #tap()} finds it once, when it is made, and skips even that. No atomic
 * instruction of the pool's own (the base class's double-release CAS remains) and no shared cache
 * line written. The magazine is refilled
 * from, and flushed to, the ring in batches that start at one block and double with use, so a
 * thread that alternates acquire and release stays off the ring entirely, one that only acquires
 * or only releases (a hand-off) touches it once per batch, and a short-lived thread takes only
 * what it uses.
 *
 * <p>Virtual threads, and platform threads that find no free slot in the table, have no magazine:
 * they claim a block kept in one of a fixed set of {@link BlockHomes} slots, picked by a hash of
 * the thread's id (one CAS on the block's lease word; its release is the release's own CAS and
 * nothing more), and fall back to the ring when the slots they probe hold no free block. So a
 * short-lived thread that does a few pairs reuses the block its slot keeps and stays off the
 * ring's head and tail, which every core would otherwise write on every call; and there is no
 * state per thread, whatever the number of threads. Nothing in a slot is hidden: a thread that
 * finds the ring empty tries every slot before it gives up. With leak tracking on there are no
 * home slots (a claimed block's lease is published before its leak site is written), so those
 * threads use the ring.
 *
 * <p>What this costs in semantics (hence no {@code EXACT_AVAILABILITY}): free blocks in another
 * live thread's magazine are invisible to this thread. Bounded and made harmless like this:
 * <ul>
 *   <li>Magazines are sized so that all of them together hold at most a quarter of the pool,
 *       however many threads use it: the table bounds their number.</li>
 *   <li>While any thread waits in {@code acquire()}, a release empties the releaser's whole
 *       magazine into the ring and wakes one waiter per block, and refills take one block, not a
 *       batch.</li>
 *   <li>A thread that finds the ring empty first takes back the magazines of threads that died;
 *       and a thread waiting for a block looks again every {@link #DEAD_OWNER_RECHECK_MS} ms,
 *       since a thread's death signals nobody.</li>
 * </ul>
 * So no block is ever stranded, only parked with a live thread that has not released since
 * someone started waiting; the exhaustion message counts such blocks.
 *
 * <p>High-water mark: each magazine remembers how many blocks were outside the ring when it last
 * touched the ring, and counts its own pops against that; exact for one thread, or threads taking
 * turns, and under concurrency an estimate that counts blocks cached by other threads as out.
 */
final class LocalBlockPool extends AbstractBlockPool {
    /** Past this, a bigger magazine saves nothing measurable: the ring is touched once per 16 ops. */
    static final int MAX_MAGAZINE = 32;
    /** At most 1/4 of the pool may sit in magazines, whatever the number of threads. */
    private static final int HIDDEN_SHARE = 4;
    /** The ring's index arithmetic needs a power of two at most 2^30. */
    private static final int MAX_CAPACITY = 1 << 30;
    /**
     * A waiter looks for the magazines of threads that died this often: a thread ending signals
     * nobody, and executor threads end after their keep-alive while holding cached blocks.
     */
    static final long DEAD_OWNER_RECHECK_MS = 10;

    private final MpmcRing<Block> shared;
    /** Blocks of threads without a magazine; null for a pool too small to spare them, or one that tracks leaks. */
    private final BlockHomes homes;
    private final ThreadCaches<Magazine> magazines = new ThreadCaches<>();
    private final int capacity;
    private final int magazineSize;
    // Made once: every acquire and release of a thread without a magazine asks the table for one,
    // and a lambda made at each call would be an allocation whenever the JIT has not removed it.
    private final java.util.function.Supplier<Magazine> newMagazine = () -> new Magazine(magazineSize());
    private final java.util.function.Consumer<Magazine> takeBack = this::takeBack;

    LocalBlockPool(BlockPoolConfig config) {
        super(LocalBackend.NAME, checked(config));
        this.capacity = config.capacity();
        this.shared = new MpmcRing<>(capacity);
        this.magazineSize = magazineSize(capacity, magazines.slots());
        int homeCount = BlockHomes.countFor(capacity, Runtime.getRuntime().availableProcessors());
        this.homes = homeCount == 0 || config.leakTracking() ? null : new BlockHomes(homeCount);
        int stride = spreadStride(capacity);
        for (int i = 0; i < capacity; i++) {
            offerShared(block((int) ((long) i * stride % capacity)));
        }
    }

    private static BlockPoolConfig checked(BlockPoolConfig config) {
        if (config.capacity() > MAX_CAPACITY) {
            throw new PoolConfigException("the local backend holds at most " + MAX_CAPACITY + " blocks, got capacity "
                    + config.capacity() + "; use fewer, larger blocks");
        }
        return config;
    }

    /**
     * The order the ring starts in: every block once, consecutive ones {@code stride} apart in the
     * slab, so two threads filling their magazines take blocks whose handles and buffers are far
     * apart in memory. Neighbouring blocks still share a cache line pair through their buffers
     * (the adjacent-line prefetcher works on 128 bytes): BlockPairBenchmark's two-thread row for
     * {@code local} measured slower with blocks handed out in slab order than with this stride,
     * outside the error of either (2026-12-01, JDK 17, 2 vCPUs; to check on other hardware, make
     * this method return 1 and rerun that row).
     */
    static int spreadStride(int capacity) {
        for (int p : new int[] {17, 19, 23, 29, 31, 37, 41, 43, 47}) {
            if (capacity % p != 0) {
                return p; // a prime that does not divide capacity: i * p mod capacity visits every block
            }
        }
        return 1; // not reached: capacity < 2^30 is below the product of these primes
    }

    /**
     * Blocks one magazine holds: a quarter of the pool shared by every slot of the table, at most
     * {@value #MAX_MAGAZINE}; 0 for pools too small to spare any (then every thread uses the ring).
     */
    static int magazineSize(int capacity, int slots) {
        return Math.min(MAX_MAGAZINE, capacity / (HIDDEN_SHARE * slots));
    }

    int magazineSize() {
        return magazineSize;
    }

    @Override
    protected Block pollFree() {
        Thread t = Thread.currentThread();
        return pollFrom(t, magazines.mine(t));
    }

    /** Takes a block from {@code m}, the magazine of the calling thread {@code t} (null: it has none). */
    private Block pollFrom(Thread t, Magazine m) {
        if (m != null) {
            int n = m.count - 1;
            if (n >= 0) {
                Block b = m.slots[n];
                m.count = n;
                observeInUse(m.outside - n);
                return b;
            }
        }
        return pollSlow(t, m);
    }

    /** The magazine is empty, or this thread has none: the ring (kept apart so pollFree inlines). */
    private Block pollSlow(Thread t, Magazine m) {
        if (m == null && magazineSize > 0) {
            m = magazines.register(t, newMagazine, takeBack);
        }
        if (m == null && homes != null) {
            Block b = homes.claim(homes.slotOf(t));
            if (b != null) {
                return claimed(b);
            }
        }
        Block b = shared.poll();
        if (b == null) {
            magazines.reapDead(takeBack); // a dead thread's magazine may hold the only free blocks
            b = shared.poll();
            if (b == null && homes != null) {
                b = homes.claimAny(); // blocks homed for threads without a magazine
                if (b != null) {
                    return claimed(b);
                }
            }
            if (b == null) {
                return null;
            }
        }
        if (m == null) {
            observeInUse(capacity - shared.size());
            return b;
        }
        // Take more for the next acquires, unless someone waits: then they need them.
        int extra = hasWaiters() ? 0 : Math.min(m.batch, m.slots.length) - 1;
        for (int i = 0; i < extra; i++) {
            Block more = shared.poll();
            if (more == null) {
                break;
            }
            m.slots[m.count++] = more;
        }
        m.batch = Math.min(m.batch << 1, Math.max(1, m.slots.length / 2));
        m.outside = capacity - shared.size();
        observeInUse(m.outside - m.count);
        return b;
    }

    /**
     * A homed block this thread has just claimed: reset here, since its release made it claimable
     * at once and so could not reset it. No high-water reading: claims leave the ring as it was,
     * and the mark counts every block outside the ring as out.
     */
    private Block claimed(Block b) {
        resetForReuse(b);
        return b;
    }

    @Override
    protected boolean freeAndPush(Block block) {
        Thread t = Thread.currentThread();
        return freeAndPushInto(t, magazines.mine(t), block);
    }

    /**
     * The release of {@code b} by {@code t}, whose magazine is {@code m} (null: none): the
     * double-release CAS, then the reset and the push; for a homed block the CAS alone, since its
     * slot keeps it and its next claim resets it.
     */
    private boolean freeAndPushInto(Thread t, Magazine m, Block b) {
        if (!markFree(b)) {
            return false;
        }
        if (BlockHomes.isHomed(b)) {
            return true;
        }
        resetForReuse(b);
        pushInto(t, m, b);
        return true;
    }

    /** The base class's hook; this backend's own releases go through {@link #freeAndPushInto}. */
    @Override
    protected void pushFree(Block b) {
        Thread t = Thread.currentThread();
        pushInto(t, magazines.mine(t), b);
    }

    /** Gives a free block to {@code m}, the magazine of the calling thread {@code t} (null: it has none). */
    private void pushInto(Thread t, Magazine m, Block b) {
        if (m != null) {
            int n = m.count;
            if (n < m.slots.length) {
                m.slots[n] = b;
                m.count = n + 1;
                if (hasWaiters()) {
                    shareAll(m, 1); // read after the push, so a waiter that came first is not missed
                }
                return;
            }
        }
        pushSlow(t, m, b);
    }

    /** The magazine is full, or this thread has none. */
    private void pushSlow(Thread t, Magazine m, Block b) {
        if (m == null && magazineSize > 0) {
            m = magazines.register(t, newMagazine, takeBack);
            if (m != null) {
                m.slots[m.count++] = b;
                m.outside = capacity - shared.size();
                return;
            }
        }
        if (m == null && homes != null && homes.adopt(homes.slotOf(t), b)) {
            return; // release() wakes one waiter for it, and a waiter that finds the ring empty tries every slot
        }
        offerShared(b); // release() wakes one waiter for this one
        if (m == null) {
            return;
        }
        if (hasWaiters()) {
            shareAll(m, 0);
            return;
        }
        // Move half of the magazine to the ring, keeping the rest for the next acquires.
        int keep = m.count - Math.max(1, m.slots.length / 2);
        while (m.count > keep) {
            offerShared(m.slots[--m.count]);
        }
        m.outside = capacity - shared.size();
        // Someone may have started waiting while we moved them: the ones moved are theirs.
        wakeWaiters(m.slots.length - keep);
    }

    /**
     * A tap that holds the calling thread's magazine, registering one if the thread has none and
     * the table has room; a virtual thread, or a platform thread that finds no room, gets the base
     * class's tap over the shared ring.
     */
    @Override
    public BlockTap tap() {
        Thread t = Thread.currentThread();
        Magazine m = magazines.mine(t);
        if (m == null && magazineSize > 0) {
            m = magazines.register(t, newMagazine, takeBack);
        }
        return m == null ? super.tap() : new MagazineTap(m);
    }

    /**
     * The magazine cannot change under the tap: only its owner's death removes it from the table,
     * and a tap refuses every thread but its owner before it touches the magazine.
     */
    private final class MagazineTap extends ThreadTap {
        private final Magazine magazine;

        MagazineTap(Magazine magazine) {
            this.magazine = magazine;
        }

        @Override
        protected Block pollFreeHere() {
            return pollFrom(Thread.currentThread(), magazine);
        }

        @Override
        protected boolean freeAndPushHere(Block block) {
            return freeAndPushInto(Thread.currentThread(), magazine, block);
        }
    }

    /**
     * Someone waits: everything this thread caches goes to the ring, and one waiter per block wakes
     * ({@code counted} of them are the block release() itself wakes a waiter for).
     */
    private void shareAll(Magazine m, int counted) {
        int moved = m.count;
        while (m.count > 0) {
            offerShared(m.slots[--m.count]);
        }
        m.outside = capacity - shared.size();
        wakeWaiters(moved - counted);
    }

    /** A dead thread's magazine, now ours alone: its blocks go back to the ring, and waiters wake. */
    private void takeBack(Magazine m) {
        int moved = m.count;
        while (m.count > 0) {
            offerShared(m.slots[--m.count]);
        }
        wakeWaiters(moved);
    }

    private void offerShared(Block b) {
        // The ring has a slot for every block of the pool, so offer fails only if a block were
        // pushed twice: a bug, not a state to wait out.
        if (!shared.offer(b)) {
            throw new IllegalStateException("the shared ring of " + describe() + " refused " + b
                    + ": it holds more blocks than the pool has; this is a bug, please report it");
        }
    }

    @Override
    protected int freeCount() {
        int[] cached = {0};
        magazines.forEach(m -> cached[0] += m.count); // racy reads of other threads' counts: an estimate
        return shared.size() + cached[0] + (homes == null ? 0 : homes.freeCount());
    }

    @Override
    protected int freeButHidden() {
        int[] hidden = {0};
        Thread me = Thread.currentThread();
        magazines.forEach(m -> hidden[0] += m.ownedBy(me) ? 0 : m.count); // racy reads: an estimate
        return hidden[0];
    }

    @Override
    protected long waiterRecheckNanos() {
        return magazineSize == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(DEAD_OWNER_RECHECK_MS);
    }

    /** Free blocks in the shared ring (not counting magazines and home slots); for tests and diagnostics. */
    int sharedFree() {
        return shared.size();
    }

    /** Free blocks in the home slots of threads without a magazine; for tests and diagnostics. */
    int homedFree() {
        return homes == null ? 0 : homes.freeCount();
    }

    /** Blocks with a home slot, free or in use; for tests and diagnostics. */
    int homed() {
        return homes == null ? 0 : homes.homed();
    }

    /** The number of home slots for threads without a magazine (0: none); for tests. */
    int homeCount() {
        return homes == null ? 0 : homes.count();
    }

    /** The home slot thread {@code t} tries first when it has no magazine; for tests. */
    int homeOf(Thread t) {
        return homes.slotOf(t);
    }

    /**
     * One platform thread's cache of free blocks. Touched only by its owner, or, once the owner has
     * died, by the one thread that removed it from the table.
     */
    static final class Magazine extends ThreadCaches.Owned {
        final Block[] slots;
        int count;
        /** Blocks to take from the ring at the next refill: starts at 1 and doubles up to half the magazine. */
        int batch = 1;
        /** Blocks that were outside the ring (out, or in magazines) when this magazine last touched it. */
        long outside;

        Magazine(int size) {
            this.slots = new Block[size];
        }
    }
}
