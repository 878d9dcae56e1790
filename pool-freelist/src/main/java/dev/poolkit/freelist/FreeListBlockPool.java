package dev.poolkit.freelist;

import dev.poolkit.api.AbstractBlockPool;
import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolThreadState;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The seed article's {@code memPool}, faithfully: one lock, and a singly linked list of free
 * blocks threaded through the blocks themselves. Go threads the {@code next} pointer through the
 * free block's own memory; we thread an index through an {@code int[]} beside the slab instead, so
 * that no byte of a block is ever written by the pool (a holder's data survives release, and the
 * list cannot be corrupted by a holder writing after release). Pop and push are O(1) and allocate
 * nothing; the list is LIFO, so the block just released (still warm in cache) goes out next.
 *
 * <p>Lock choice: {@code ReentrantLock} ({@link Locked}), kept over {@code synchronized}
 * ({@link Synchronized}) because it measured as fast uncontended and 2.5 times faster contended;
 * the numbers are on {@link LockKind#DEFAULT}. Both stay, and both pass the contract suite, so the
 * bench module's {@code FreeListLockBenchmark} can measure the choice again on other hardware or
 * JDKs. Either way a pair costs two critical sections, each an atomic instruction to enter and
 * one to leave (about 4.5 ns apiece on our reference VM): that, not the list, is the floor of
 * this design, and why it cannot match a per-thread cache.
 */
abstract class FreeListBlockPool extends AbstractBlockPool<PoolThreadState> {
    private static final int EMPTY = -1;

    /** next[i] is the index of the free block after block i; meaningful only while i is free. */
    private final int[] next;
    /** The first free block, or EMPTY. Guarded by the subclass's lock. */
    private int head;

    FreeListBlockPool(BlockPoolConfig config) {
        super(FreeListBackend.NAME, config);
        int capacity = config.capacity();
        this.next = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            next[i] = i + 1 < capacity ? i + 1 : EMPTY;
        }
        this.head = 0;
    }

    static FreeListBlockPool create(BlockPoolConfig config, LockKind lock) {
        return lock == LockKind.SYNCHRONIZED ? new Synchronized(config) : new Locked(config);
    }

    @Override
    protected final PoolThreadState newThreadState() {
        return new PoolThreadState(); // no per-thread cache: the free list is shared
    }

    /** Pop; the caller holds the lock. */
    final Block popLocked() {
        int h = head;
        if (h == EMPTY) {
            return null;
        }
        head = next[h];
        return block(h);
    }

    /** Push; the caller holds the lock. */
    final void pushLocked(Block b) {
        int i = b.index();
        next[i] = head;
        head = i;
    }

    /**
     * Release under the lock: the double-release check and the push happen in one critical
     * section, so the block's state needs no CAS of its own (every release of this pool goes
     * through this lock, which orders them).
     */
    final boolean freeAndPushLocked(Block b) {
        if (!markFreeUnderLock(b)) {
            return false;
        }
        resetForReuse(b);
        pushLocked(b);
        return true;
    }

    /** Guarded by a monitor: the variant not registered by default (see {@link LockKind#DEFAULT}). */
    static final class Synchronized extends FreeListBlockPool {
        private final Object lock = new Object();

        Synchronized(BlockPoolConfig config) {
            super(config);
        }

        @Override
        protected Block pollFree(PoolThreadState thread) {
            synchronized (lock) {
                return popLocked();
            }
        }

        @Override
        protected void pushFree(PoolThreadState thread, Block block) {
            synchronized (lock) {
                pushLocked(block);
            }
        }

        @Override
        protected boolean freeAndPush(PoolThreadState thread, Block block) {
            synchronized (lock) {
                return freeAndPushLocked(block);
            }
        }
    }

    /** Guarded by a non-fair {@link ReentrantLock}: the registered default. */
    static final class Locked extends FreeListBlockPool {
        private final ReentrantLock lock = new ReentrantLock();

        Locked(BlockPoolConfig config) {
            super(config);
        }

        @Override
        protected Block pollFree(PoolThreadState thread) {
            lock.lock();
            try {
                return popLocked();
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected void pushFree(PoolThreadState thread, Block block) {
            lock.lock();
            try {
                pushLocked(block);
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean freeAndPush(PoolThreadState thread, Block block) {
            lock.lock();
            try {
                return freeAndPushLocked(block);
            } finally {
                lock.unlock();
            }
        }
    }
}
