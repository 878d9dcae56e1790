package dev.poolkit.api;

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
public final class Block {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Block.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int FREE = 0;
    static final int IN_USE = 1;

    private final int index;
    private final ByteBuffer buffer;
    private final BlockPool pool;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Where the current holder acquired this block; only written when leak tracking is on. */
    private Throwable acquireSite;

    Block(int index, ByteBuffer buffer, BlockPool pool) {
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
        return state == IN_USE;
    }

    @Override
    public String toString() {
        return (isPooled() ? "Block#" + index : "Block(unpooled)") + "[" + buffer.capacity() + " bytes, "
                + (isInUse() ? "in use" : "free") + "]";
    }

    // ---- state transitions, used by AbstractBlockPool only ----

    /** free2inUse: the block left the pool's free set, so no other thread can see it free. */
    void free2inUse() {
        // A plain store would do on x86, but the free set's own synchronisation already ordered us;
        // setRelease keeps the write from floating above the hand-out on weaker machines.
        STATE.setRelease(this, IN_USE);
    }

    /** inUse2free: true iff this call ended the lease; false means it was already free (double release). */
    boolean inUse2free() {
        // CAS, not check-then-set: two threads releasing the same block at once must not both win,
        // or the block would enter the free set twice and later be handed out twice.
        return STATE.compareAndSet(this, IN_USE, FREE);
    }

    /** inUse2free for a caller holding the lock that orders every release of this block. */
    boolean inUse2freeLocked() {
        if ((int) STATE.get(this) != IN_USE) {
            return false;
        }
        STATE.setRelease(this, FREE);
        return true;
    }

    /** Puts the buffer back to the state promised to the next holder. */
    void resetBuffer() {
        buffer.clear();
        buffer.order(ByteOrder.BIG_ENDIAN);
    }

    void acquireSite(Throwable site) {
        this.acquireSite = site;
    }

    Throwable acquireSite() {
        return acquireSite;
    }
}
