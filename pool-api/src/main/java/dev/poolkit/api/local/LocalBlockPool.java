package dev.poolkit.api.local;

import dev.poolkit.api.AbstractBlockPool;
import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolThreadState;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code local} block pool: a thread keeps a small magazine of free blocks in front of a
 * shared lock-free ring, the way Go's {@code sync.Pool} keeps a per-P cache in front of shared
 * chains (and Bonwick's slab allocator keeps per-CPU magazines in front of its depot).
 *
 * <p>Fast path: acquire pops from the caller's own magazine and release pushes onto it, with no
 * atomic instruction of the pool's own (the base class's double-release CAS remains) and no
 * shared cache line. The magazine is refilled from, and flushed to, the ring half a magazine at a
 * time, so a thread that alternates acquire and release stays off the ring entirely, and one that
 * only acquires (or only releases, e.g. the consumer of a hand-off) touches it once per batch.
 *
 * <p>What this costs in semantics (hence no {@code EXACT_AVAILABILITY}): free blocks in another
 * live thread's magazine are invisible to this thread. Bounded and made harmless like this:
 * <ul>
 *   <li>Magazines draw on a pool-wide budget of capacity / 4 blocks: a thread gets a magazine
 *       only while the budget lasts (threads beyond it work on the ring directly), so at most a
 *       quarter of the pool can ever hide, however many threads use it.</li>
 *   <li>While any thread waits in {@code acquire()}, a release empties the releaser's whole
 *       magazine into the ring and wakes one waiter per block, and refills take one block, not a
 *       batch.</li>
 *   <li>A thread that finds the ring empty first takes back the magazines of dead threads.</li>
 * </ul>
 * So no block is ever stranded, only parked with a live thread that has not released since
 * someone started waiting; the exhaustion message counts such blocks.
 */
final class LocalBlockPool extends AbstractBlockPool<LocalBlockPool.Magazine> {
    /** Past this, a bigger magazine saves nothing measurable: the ring is touched once per 16 ops. */
    static final int MAX_MAGAZINE = 32;
    /** At most 1/4 of the pool may sit in magazines, whatever the number of threads. */
    private static final int HIDDEN_SHARE = 4;
    /** The ring's index arithmetic needs a power of two at most 2^30. */
    private static final int MAX_CAPACITY = 1 << 30;

    private final MpmcRing<Block> shared;
    private final int magazineSize;
    private final int batch;
    /** Blocks that new magazines may still claim; each magazine takes magazineSize, gives it back when its thread dies. */
    private final AtomicInteger magazineBudget;

    LocalBlockPool(BlockPoolConfig config) {
        super(LocalBackend.NAME, checked(config));
        int cores = Runtime.getRuntime().availableProcessors();
        this.shared = new MpmcRing<>(config.capacity());
        this.magazineSize = magazineSize(config.capacity(), cores);
        this.batch = Math.max(1, magazineSize / 2);
        this.magazineBudget = new AtomicInteger(config.capacity() / HIDDEN_SHARE);
        for (int i = 0; i < config.capacity(); i++) {
            offerShared(block(i));
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
     * Blocks one magazine holds: the budget (capacity / 4) shared by one magazine per core, at most
     * {@value #MAX_MAGAZINE}; 0 for pools too small to spare any.
     */
    static int magazineSize(int capacity, int cores) {
        return Math.min(MAX_MAGAZINE, capacity / (HIDDEN_SHARE * Math.max(1, cores)));
    }

    int magazineSize() {
        return magazineSize;
    }

    @Override
    protected Magazine newThreadState() {
        return new Magazine(claimBudget() ? magazineSize : 0);
    }

    private boolean claimBudget() {
        while (true) {
            int left = magazineBudget.get();
            if (magazineSize == 0 || left < magazineSize) {
                return false; // this thread works on the ring directly
            }
            if (magazineBudget.compareAndSet(left, left - magazineSize)) {
                return true;
            }
        }
    }

    @Override
    protected Block pollFree(Magazine m) {
        int n = m.count;
        if (n > 0) {
            m.count = n - 1;
            return block(m.slots[n - 1]);
        }
        return refill(m);
    }

    /** The magazine is empty: take from the ring (slow path, kept apart so pollFree inlines). */
    private Block refill(Magazine m) {
        Block b = shared.poll();
        if (b == null) {
            reclaimDeadThreads(); // a dead thread's magazine may hold the only free blocks
            b = shared.poll();
            if (b == null) {
                return null;
            }
        }
        // Take up to batch - 1 more for the next acquires, unless someone waits: then they need them.
        int extra = hasWaiters() ? 0 : Math.min(batch, m.slots.length) - 1;
        for (int i = 0; i < extra; i++) {
            Block more = shared.poll();
            if (more == null) {
                break;
            }
            m.slots[m.count++] = more.index();
        }
        return b;
    }

    @Override
    protected void pushFree(Magazine m, Block b) {
        int n = m.count;
        if (n < m.slots.length) {
            m.slots[n] = b.index();
            m.count = n + 1;
            if (hasWaiters()) {
                shareAll(m); // read after the push, so a waiter that came first is not missed
            }
            return;
        }
        offerShared(b);
        flushBatch(m);
    }

    /** The magazine is full: move half of it to the ring, keeping the rest for the next acquires. */
    private void flushBatch(Magazine m) {
        int keep = Math.max(0, m.count - batch); // a thread without a magazine has nothing to move
        while (m.count > keep) {
            offerShared(block(m.slots[--m.count]));
        }
    }

    /** Someone waits: everything this thread caches goes to the ring, and one waiter per block wakes. */
    private void shareAll(Magazine m) {
        int moved = m.count;
        while (m.count > 0) {
            offerShared(block(m.slots[--m.count]));
        }
        wakeWaiters(moved - 1); // release() itself wakes one, for the block it pushed
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
    protected void onThreadRetired(Magazine m) {
        int moved = m.count;
        while (m.count > 0) {
            offerShared(block(m.slots[--m.count]));
        }
        magazineBudget.addAndGet(m.slots.length);
        wakeWaiters(moved);
    }

    @Override
    protected int freeButHidden() {
        int[] hidden = {0};
        Thread me = Thread.currentThread();
        // Racy reads of other threads' counts: an estimate, which is all the message needs.
        forEachThreadState(m -> hidden[0] += m.owner() == me ? 0 : m.count);
        return hidden[0];
    }

    /** Free blocks in the shared ring (not counting magazines); for tests and diagnostics. */
    int sharedFree() {
        return shared.size();
    }

    /**
     * One thread's cache: block indices, not handles, so that it holds no reference to the pool
     * (see {@link PoolThreadState}). Touched only by its owner, or by the thread that retires it
     * after the owner died.
     */
    static final class Magazine extends PoolThreadState {
        final int[] slots;
        int count;

        Magazine(int size) {
            this.slots = new int[size];
        }
    }
}
