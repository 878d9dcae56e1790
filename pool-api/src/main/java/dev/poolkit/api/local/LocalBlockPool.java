package dev.poolkit.api.local;

import dev.poolkit.api.AbstractBlockPool;
import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolThreadState;

/**
 * The {@code local} block pool: each thread keeps a small magazine of free blocks in front of a
 * shared lock-free ring, the way Go's {@code sync.Pool} keeps a per-P cache in front of shared
 * chains (and the way Bonwick's slab allocator keeps per-CPU magazines in front of its depot).
 *
 * <p>Fast path: acquire pops from the caller's own magazine and release pushes onto it: no CAS,
 * no shared cache line. The magazine is refilled from, and flushed to, the ring in batches of half
 * its size, so a thread that alternates acquire and release stays off the ring entirely, and one
 * that only acquires (or only releases, e.g. a consumer of hand-offs) touches it once per batch.
 *
 * <p>What this costs in semantics (hence no {@code EXACT_AVAILABILITY}): free blocks in another
 * live thread's magazine are invisible to this thread. To keep that bounded and harmless:
 * magazines are small (see {@link #magazineSize}); while any thread waits in {@code acquire()}, a
 * release goes straight to the ring and wakes it; and when a thread finds nothing, it first takes
 * back the magazines of threads that have died. So no block is ever stranded, only parked for a
 * while with a thread that has not touched the pool since.
 */
final class LocalBlockPool extends AbstractBlockPool<LocalBlockPool.Magazine> {
    /** Past this, a bigger magazine saves nothing measurable: the ring is touched once per 16 ops. */
    static final int MAX_MAGAZINE = 32;
    /** At most 1/4 of the pool may sit in magazines when every core runs a thread. */
    private static final int HIDDEN_SHARE = 4;
    /** The ring's index arithmetic needs a power of two at most 2^30. */
    private static final int MAX_CAPACITY = 1 << 30;

    private final MpmcRing<Block> shared;
    private final int magazineSize;
    private final int batch;

    LocalBlockPool(BlockPoolConfig config) {
        super(LocalBackend.NAME, checked(config));
        this.shared = new MpmcRing<>(config.capacity());
        this.magazineSize = magazineSize(config.capacity(), Runtime.getRuntime().availableProcessors());
        this.batch = Math.max(1, magazineSize / 2);
        for (int i = 0; i < config.capacity(); i++) {
            shared.offer(block(i));
        }
    }

    private static BlockPoolConfig checked(BlockPoolConfig config) {
        if (config.capacity() > MAX_CAPACITY) {
            throw new PoolConfigException("the local backend holds at most " + MAX_CAPACITY + " blocks, got capacity "
                    + config.capacity() + "; use fewer, larger blocks");
        }
        return config;
    }

    /** Blocks a thread may cache: capacity / (4 x cores), at most {@value #MAX_MAGAZINE}, 0 for tiny pools. */
    static int magazineSize(int capacity, int cores) {
        return Math.min(MAX_MAGAZINE, capacity / (HIDDEN_SHARE * Math.max(1, cores)));
    }

    int magazineSize() {
        return magazineSize;
    }

    @Override
    protected Magazine newThreadState() {
        return new Magazine(magazineSize);
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

    /** The magazine is empty: take a batch from the ring (slow path, kept apart so pollFree inlines). */
    private Block refill(Magazine m) {
        Block b = shared.poll();
        if (b == null) {
            reclaimDeadThreads(); // a dead thread's magazine may hold the only free blocks
            b = shared.poll();
            if (b == null) {
                return null;
            }
        }
        // Take up to batch - 1 more for the next acquires; stop early if the ring runs dry.
        for (int i = 1; i < batch && m.count < m.slots.length; i++) {
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
        if (n < m.slots.length && !hasWaiters()) {
            m.slots[n] = b.index();
            m.count = n + 1;
            return;
        }
        flush(m, b);
    }

    /** The magazine is full, or a thread is waiting: move a batch (and b) to the ring. */
    private void flush(Magazine m, Block b) {
        offerShared(b);
        int keep = hasWaiters() ? 0 : m.count - batch;
        while (m.count > Math.max(0, keep)) {
            offerShared(block(m.slots[--m.count]));
        }
    }

    private void offerShared(Block b) {
        // The ring has room for every block, so offer fails only while a consumer is between
        // claiming a slot and freeing it: a few instructions. Spin through it.
        while (!shared.offer(b)) {
            Thread.onSpinWait();
        }
    }

    @Override
    protected void onThreadRetired(Magazine m) {
        while (m.count > 0) {
            offerShared(block(m.slots[--m.count]));
        }
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
