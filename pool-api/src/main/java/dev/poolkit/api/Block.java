package dev.poolkit.api;

import dev.poolkit.internal.BlockAccess;
import dev.poolkit.internal.Blocks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A handle on one fixed-size block of a {@link BlockPool}'s slab. The pool makes one handle per
 * block up front and hands the same handle out each time, so acquire and release allocate nothing.
 *
 * <p>Between {@code acquire} and {@code release} the holder owns {@link #buffer()}; after
 * {@code release} it must not touch the handle or the buffer again (keep no duplicates or slices
 * of it either): the next acquirer owns them.
 */
public final class Block extends BlockPadding {
    private static final VarHandle LEASE;
    private static final long IN_USE = 1;
    /** One more lease, and in use: the word of a free block plus this is the word of the next lease. */
    private static final long NEXT_LEASE = 3;

    static {
        try {
            LEASE = MethodHandles.lookup().findVarHandle(Block.class, "lease", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Blocks.install(new Access());
    }

    private final int index;
    private final ByteBuffer buffer;
    private final BlockPool pool;
    /** leases << 1 | in use; see {@link BlockAccess}. Written on every acquire and release. */
    @SuppressWarnings("unused") // accessed through LEASE
    private volatile long lease;
    // Room behind the lease word, as BlockPadding is in front of it: the JVM puts the longs of a
    // class together in declaration order, so these come right after it, and the next object in
    // memory (often the next block's buffer, whose position and limit are written on every use)
    // starts more than a cache line away.
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
    /** Where the current holder acquired this block; only written when leak tracking is on. */
    private Throwable acquireSite;
    /**
     * The home slot that keeps this block for threads without a cache of their own (see
     * {@code BlockHomes}), or -1. Written once, while the block is free and reachable by nobody but
     * the writer, before the slot publishes it; never changed after.
     */
    private int home = -1;

    private Block(int index, ByteBuffer buffer, BlockPool pool) {
        this.index = index;
        this.buffer = buffer;
        this.pool = pool;
    }

    /** The block's position in the slab, from 0 to capacity - 1; -1 for an unpooled block. */
    public int index() {
        return index;
    }

    /**
     * The block's memory: position 0, limit = capacity = blockSize, big-endian, whenever the block
     * is handed out. The same instance for the life of the pool.
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The pool that handed this block out, and the only one it may be released into. */
    public BlockPool pool() {
        return pool;
    }

    /**
     * False for a block made because the pool was exhausted under {@link ExhaustionPolicy#unpooled()};
     * it is dropped on release.
     */
    public boolean isPooled() {
        return index >= 0;
    }

    /** Whether the block is currently handed out. */
    public boolean isInUse() {
        return (lease & IN_USE) != 0;
    }

    @Override
    public String toString() {
        return (isPooled() ? "Block#" + index : "Block(unpooled)") + "[" + buffer.capacity() + " bytes, "
                + (isInUse() ? "in use" : "free") + "]";
    }

    /** The pool layer's access to the fields above; see {@link BlockAccess}. */
    private static final class Access implements BlockAccess {
        @Override
        public Block newBlock(int index, ByteBuffer buffer, BlockPool pool) {
            return new Block(index, buffer, pool);
        }

        @Override
        public void lease(Block b) {
            // A plain read is enough: the caller took b from the free set, whose synchronisation
            // ordered it after the release that wrote this word. setRelease publishes the leak
            // site written before it to leaks(), which reads the word with acquire. A block its
            // backend claimed (claim below) is in use already, and its lease is counted.
            long w = (long) LEASE.get(b);
            if ((w & IN_USE) == 0) {
                LEASE.setRelease(b, w + NEXT_LEASE);
            }
        }

        @Override
        public boolean claim(Block b) {
            long w = (long) LEASE.getVolatile(b);
            return (w & IN_USE) == 0 && LEASE.compareAndSet(b, w, w + NEXT_LEASE);
        }

        @Override
        public int home(Block b) {
            return b.home;
        }

        @Override
        public void home(Block b, int slot) {
            b.home = slot;
        }

        @Override
        public boolean endLease(Block b) {
            // CAS, not check-then-set: two threads releasing the same block at once must not both
            // win, or the block would enter the free set twice and later be handed out twice.
            // While a block is out only its holder writes the word, so a failed CAS means another
            // release won, and the block is free: a double release.
            long w = (long) LEASE.getOpaque(b);
            return (w & IN_USE) != 0 && LEASE.compareAndSet(b, w, w & ~IN_USE);
        }

        @Override
        public boolean endLeaseLocked(Block b) {
            long w = (long) LEASE.get(b);
            if ((w & IN_USE) == 0) {
                return false;
            }
            LEASE.setRelease(b, w & ~IN_USE);
            return true;
        }

        @Override
        public long word(Block b) {
            return (long) LEASE.getAcquire(b);
        }

        @Override
        public void acquireSite(Block b, Throwable site) {
            b.acquireSite = site;
        }

        @Override
        public Throwable acquireSite(Block b) {
            return b.acquireSite;
        }

        @Override
        public void resetBuffer(Block b) {
            ByteBuffer buf = b.buffer;
            buf.clear();
            if (buf.order() != ByteOrder.BIG_ENDIAN) { // a read is cheaper than the two stores of order()
                buf.order(ByteOrder.BIG_ENDIAN);
            }
        }
    }
}
