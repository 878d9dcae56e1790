package dev.poolkit.freelist;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.spi.AbstractBlockPool;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The seed article's {@code memPool}, faithfully: one lock, and a singly linked list of free
 * blocks threaded through the blocks themselves. Go threads the {@code next} pointer through the
 * free block's own memory; we thread an index through an {@code int[]} beside the slab instead, so
 * that no byte of a block is ever written by the pool (a holder's data survives release, and the
 * list cannot be corrupted by a holder writing after release). Pop and push are O(1) and allocate
 * nothing; the list is LIFO, so the block just released (still warm in cache) goes out next.
 *
 * <p>Lock choice: a non-reentrant mutex that a waiter retries with growing pauses before it
 * parks ({@link Spinning}, as Go's {@code sync.Mutex} spins before it sleeps), kept over a plain
 * {@code ReentrantLock} ({@link Locked}) and {@code synchronized} ({@link Synchronized}) because it
 * measured fastest alone and contended, and allocation-free; see {@link LockKind#DEFAULT}. All
 * three stay, and all pass the contract suite, so the bench module's {@code FreeListLockBenchmark} can measure the choice again on other hardware or JDKs.
 * Either way a pair takes the lock twice (once to pop, once to push), and the double-release
 * check and the free count ride inside those critical sections, so the pool adds no atomic
 * instruction of its own; the {@code AtomicCost} benchmark shows what a lock section costs beside
 * a CAS on the machine at hand.
 */
abstract class FreeListBlockPool extends AbstractBlockPool {
    private static final int EMPTY = -1;

    /** next[i] is the index of the free block after block i; meaningful only while i is free. */
    private final int[] next;
    private final int capacity;
    /** The first free block, or EMPTY. Guarded by the subclass's lock. */
    private int head;
    /** Blocks on the list. Guarded by the subclass's lock, which makes the high-water mark exact. */
    private int free;

    FreeListBlockPool(BlockPoolConfig config) {
        super(FreeListBackend.NAME, config);
        int capacity = config.capacity();
        this.capacity = capacity;
        this.next = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            next[i] = i + 1 < capacity ? i + 1 : EMPTY;
        }
        this.head = 0;
        this.free = capacity;
    }

    static FreeListBlockPool create(BlockPoolConfig config, LockKind lock) {
        switch (lock) {
            case SYNCHRONIZED:
                return new Synchronized(config);
            case SPIN_THEN_PARK:
                return new Spinning(config);
            case REENTRANT_LOCK:
            default:
                return new Locked(config);
        }
    }

    /** Pop; the caller holds the lock. */
    final Block popLocked() {
        int h = head;
        if (h == EMPTY) {
            return null;
        }
        head = next[h];
        observeInUse(capacity - --free); // under the lock: exact, whatever the threads
        return block(h);
    }

    /** Push; the caller holds the lock. */
    final void pushLocked(Block b) {
        int i = b.index();
        next[i] = head;
        head = i;
        free++;
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

    /** Blocks on the list now; a racy read, for messages. */
    @Override
    protected final int freeCount() {
        return free;
    }

    /** Guarded by a monitor: the variant not registered by default (see {@link LockKind#DEFAULT}). */
    static final class Synchronized extends FreeListBlockPool {
        private final Object lock = new Object();

        Synchronized(BlockPoolConfig config) {
            super(config);
        }

        @Override
        protected Block pollFree() {
            synchronized (lock) {
                return popLocked();
            }
        }

        @Override
        protected void pushFree(Block block) {
            synchronized (lock) {
                pushLocked(block);
            }
        }

        @Override
        protected boolean freeAndPush(Block block) {
            synchronized (lock) {
                return freeAndPushLocked(block);
            }
        }
    }

    /** Guarded by a non-fair {@link ReentrantLock}. */
    static final class Locked extends FreeListBlockPool {
        private final ReentrantLock lock = new ReentrantLock();

        Locked(BlockPoolConfig config) {
            super(config);
        }

        @Override
        protected Block pollFree() {
            lock.lock();
            try {
                return popLocked();
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected void pushFree(Block block) {
            lock.lock();
            try {
                pushLocked(block);
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean freeAndPush(Block block) {
            lock.lock();
            try {
                return freeAndPushLocked(block);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Guarded by a {@link SpinThenParkLock}: the registered default. */
    static final class Spinning extends FreeListBlockPool {
        private final SpinThenParkLock lock = new SpinThenParkLock();

        Spinning(BlockPoolConfig config) {
            super(config);
        }

        @Override
        protected Block pollFree() {
            lock.lock();
            try {
                return popLocked();
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected void pushFree(Block block) {
            lock.lock();
            try {
                pushLocked(block);
            } finally {
                lock.unlock();
            }
        }

        @Override
        protected boolean freeAndPush(Block block) {
            lock.lock();
            try {
                return freeAndPushLocked(block);
            } finally {
                lock.unlock();
            }
        }
    }
}
