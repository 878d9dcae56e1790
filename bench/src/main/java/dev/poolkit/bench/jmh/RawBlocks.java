package dev.poolkit.bench.jmh;

import dev.poolkit.api.PoolExhaustedException;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bare twins of the block backends: each backend's design written as plainly as it can be,
 * with nothing of ours (no misuse checks, no statistics, no policies, no leak tracking). The
 * ratio of a backend to its twin is what Poolkit's layer costs.
 */
final class RawBlocks {
    static final String FREELIST = "an `int[]` stack of free block indices under one `ReentrantLock`, over one"
            + " preallocated 64-byte-aligned direct slab sliced into blocks (a handle per block made up front)."
            + " No double-release check.";
    static final String LOCAL = "a one-slot cache per benchmark thread, held by the thread as `local`'s tap is,"
            + " over a shared JCTools queue of the free blocks (picked as for `raw-jctools`), on the same kind of slab. No"
            + " double-release check.";
    static final String JCTOOLS_REFUSING = "`raw-jctools` plus the one thing of ours that needs an atomic"
            + " instruction: a lease word per buffer, set by a plain store at acquire and turned back to free at"
            + " release by a compare-and-set that refuses a double release, as `jctools` does (before `clear()`"
            + " and `offer`), the word padded to a cache line of its own as Poolkit's `Block` pads it. Nothing else of"
            + " ours: no checks, no statistics, no waiters.";
    static final String LOCAL_REFUSING = "`raw-local` plus the one thing of ours that needs an atomic instruction:"
            + " a lease word per buffer, set by a plain store at acquire and turned back to free at release by a"
            + " compare-and-set that refuses a double release, as `local` does (before `clear()` and the push), the word"
            + " padded to a cache line of its own as Poolkit's `Block` pads it."
            + " Nothing else of ours: no checks, no statistics, no waiters.";
    static final String JCTOOLS = "the backend's JCTools queue (`MpmcArrayQueue`, or `MpmcAtomicArrayQueue` from"
            + " Java 23 on) prefilled with direct buffers: `poll` to"
            + " acquire, `clear()` and `offer` to release.";

    /**
     * The queue the {@code jctools} backend picks on this JDK (its {@code Queues}): the one without
     * {@code sun.misc.Unsafe} from Java 23 on, where Unsafe's memory access is deprecated.
     */
    static <E> MessagePassingQueue<E> jctoolsQueue(int capacity) {
        return Runtime.version().feature() >= 23 ? new MpmcAtomicArrayQueue<>(capacity) : new MpmcArrayQueue<>(capacity);
    }

    /** Slab alignment, as the backends default to: the cache line. */
    private static final int ALIGNMENT = 64;

    private RawBlocks() {
    }

    /** One block of the slab and its index, made once, like Poolkit's {@code Block} handles. */
    static final class RawBlock {
        final int index;
        final ByteBuffer buffer;

        RawBlock(int index, ByteBuffer buffer) {
            this.index = index;
            this.buffer = buffer;
        }
    }

    static RawBlock[] slab(int blockSize, int capacity) {
        int stride = (blockSize + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        ByteBuffer slab = ByteBuffer.allocateDirect(stride * capacity + ALIGNMENT).alignedSlice(ALIGNMENT);
        RawBlock[] blocks = new RawBlock[capacity];
        for (int i = 0; i < capacity; i++) {
            blocks[i] = new RawBlock(i, slab.slice(i * stride, blockSize));
        }
        return blocks;
    }

    private static PoolExhaustedException sizedWrong(String what) {
        return new PoolExhaustedException(what + " is empty: the benchmark is sized wrong");
    }

    /** The seed's {@code memPool}: pop and push an index under one lock. */
    static final class FreeList extends Subject {
        private final ReentrantLock lock = new ReentrantLock();
        private final RawBlock[] blocks;
        private final int[] free;
        private int top; // guarded by lock

        FreeList(int blockSize, int capacity) {
            blocks = slab(blockSize, capacity);
            free = new int[capacity];
            for (int i = 0; i < capacity; i++) {
                free[i] = i;
            }
            top = capacity;
        }

        @Override
        public Object acquire() {
            lock.lock();
            try {
                if (top == 0) {
                    throw sizedWrong("raw free list");
                }
                return blocks[free[--top]];
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void release(Object item) {
            RawBlock b = (RawBlock) item;
            b.buffer.clear();
            lock.lock();
            try {
                free[top++] = b.index;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * {@code local}'s idea at its barest: one cached block per thread, the rest in a shared
     * lock-free queue. Each benchmark thread holds its own slot ({@link #forThread()}), as it holds
     * {@code local}'s tap, so neither row pays a per-call thread lookup.
     */
    static final class Local extends Subject {
        private final MessagePassingQueue<RawBlock> shared;
        private RawBlock cached; // only in the per-thread copies made by forThread()

        Local(int blockSize, int capacity) {
            shared = jctoolsQueue(capacity);
            for (RawBlock b : slab(blockSize, capacity)) {
                shared.offer(b);
            }
        }

        private Local(MessagePassingQueue<RawBlock> shared) {
            this.shared = shared;
        }

        @Override
        public Subject forThread() {
            return new Local(shared);
        }

        @Override
        public Object acquire() {
            RawBlock b = cached;
            if (b != null) {
                cached = null;
                return b;
            }
            b = shared.poll();
            if (b == null) {
                throw sizedWrong("raw per-thread slot and its shared queue");
            }
            return b;
        }

        @Override
        public void release(Object item) {
            RawBlock b = (RawBlock) item;
            b.buffer.clear();
            if (cached == null) {
                cached = b;
            } else {
                shared.offer(b); // never full: it has room for every block
            }
        }
    }

    static final class Jctools extends Subject {
        private final MessagePassingQueue<ByteBuffer> free;

        Jctools(int blockSize, int capacity) {
            free = jctoolsQueue(capacity);
            for (int i = 0; i < capacity; i++) {
                free.offer(ByteBuffer.allocateDirect(blockSize));
            }
        }

        @Override
        public Object acquire() {
            ByteBuffer b = free.poll();
            if (b == null) {
                throw sizedWrong("raw JCTools queue");
            }
            return b;
        }

        @Override
        public void release(Object item) {
            ByteBuffer b = (ByteBuffer) item;
            b.clear(); // the least any user must do before the next holder reads into it
            free.offer(b);
        }
    }

    /** Seven longs in front of {@link Leased}'s lease word: the JVM lays out a superclass's fields first. */
    abstract static class LeasedPadding {
        @SuppressWarnings("unused")
        private long p01;
        @SuppressWarnings("unused")
        private long p02;
        @SuppressWarnings("unused")
        private long p03;
        @SuppressWarnings("unused")
        private long p04;
        @SuppressWarnings("unused")
        private long p05;
        @SuppressWarnings("unused")
        private long p06;
        @SuppressWarnings("unused")
        private long p07;
    }

    /**
     * A buffer and its lease word (leases << 1 | in use, encoded as Poolkit's {@code Block} encodes
     * it), for the refusing twins: set by a plain store at acquire, turned back to free at release
     * by the compare-and-set that refuses a double release, as the backends do.
     */
    static final class Leased extends LeasedPadding {
        private static final VarHandle LEASE;
        private static final long IN_USE = 1;
        private static final long NEXT_LEASE = 3;

        static {
            try {
                LEASE = MethodHandles.lookup().findVarHandle(Leased.class, "lease", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final ByteBuffer buffer;
        @SuppressWarnings("unused") // through LEASE
        private volatile long lease;
        // Room behind the lease word, as LeasedPadding is in front of it: laid out as Poolkit's
        // Block lays out its own, so that two threads' lease words never share a cache line.
        // Without it the handles, made one after another, sit side by side, and the row's
        // two-thread figure measures that false sharing rather than the compare-and-set.
        @SuppressWarnings("unused")
        private long q01;
        @SuppressWarnings("unused")
        private long q02;
        @SuppressWarnings("unused")
        private long q03;
        @SuppressWarnings("unused")
        private long q04;
        @SuppressWarnings("unused")
        private long q05;
        @SuppressWarnings("unused")
        private long q06;
        @SuppressWarnings("unused")
        private long q07;

        Leased(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** Marks this buffer in use; only its taker calls it, so a plain store suffices. */
        void lease() {
            LEASE.setRelease(this, (long) LEASE.get(this) + NEXT_LEASE);
        }

        /** Marks it free and clears the buffer, or throws if it already was free. */
        void endLease(String row) {
            long w = (long) LEASE.getOpaque(this);
            if ((w & IN_USE) == 0 || !LEASE.compareAndSet(this, w, w & ~IN_USE)) {
                throw new IllegalStateException("double release of a " + row + " buffer");
            }
            buffer.clear();
        }
    }

    /**
     * {@link Jctools} with the atomic double-release refusal added and nothing else: the floor of
     * any design that keeps JCTools' queue and refuses a racing double release, so the report can
     * show how much of {@code jctools}' cost over its twin that one instruction takes.
     */
    static final class JctoolsRefusing extends Subject {
        private final MessagePassingQueue<Leased> free;

        JctoolsRefusing(int blockSize, int capacity) {
            free = jctoolsQueue(capacity);
            for (int i = 0; i < capacity; i++) {
                free.offer(new Leased(ByteBuffer.allocateDirect(blockSize)));
            }
        }

        @Override
        public Object acquire() {
            Leased b = free.poll();
            if (b == null) {
                throw sizedWrong("raw JCTools queue with lease words");
            }
            b.lease();
            return b;
        }

        @Override
        public void release(Object item) {
            Leased b = (Leased) item;
            b.endLease("raw-jctools-refusing");
            free.offer(b);
        }
    }

    /**
     * {@link Local} with the atomic double-release refusal added and nothing else: the floor of any
     * per-thread cache that refuses a racing double release, whatever else it does, so the report
     * can show what is left between it and {@code local}, and between it and Stormpot.
     */
    static final class LocalRefusing extends Subject {
        private final MessagePassingQueue<Leased> shared;
        private Leased cached; // only in the per-thread copies made by forThread()

        LocalRefusing(int blockSize, int capacity) {
            shared = jctoolsQueue(capacity);
            for (RawBlock b : slab(blockSize, capacity)) { // the same slab as raw-local's
                shared.offer(new Leased(b.buffer));
            }
        }

        private LocalRefusing(MessagePassingQueue<Leased> shared) {
            this.shared = shared;
        }

        @Override
        public Subject forThread() {
            return new LocalRefusing(shared);
        }

        @Override
        public Object acquire() {
            Leased b = cached;
            if (b != null) {
                cached = null;
            } else if ((b = shared.poll()) == null) {
                throw sizedWrong("raw per-thread slot with lease words");
            }
            b.lease();
            return b;
        }

        @Override
        public void release(Object item) {
            Leased b = (Leased) item;
            b.endLease("raw-local-refusing");
            if (cached == null) {
                cached = b;
            } else {
                shared.offer(b); // never full: it has room for every block
            }
        }
    }
}
