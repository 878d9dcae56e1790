package dev.poolkit.internal;

import dev.poolkit.api.Block;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Home slots for the blocks of threads that keep no cache of their own (virtual threads, and
 * platform threads that found no room in the pool's thread table): a fixed set of slots, picked by
 * a hash of the thread's id, each of which keeps one block for good once it has adopted one. The
 * block stays in its slot whether free or in use; its own lease word says which, and a thread
 * takes it with one compare-and-set on that word ({@link BlockAccess#claim}). A release of a homed
 * block is the release's own compare-and-set and nothing more: it goes to no free set.
 *
 * <p>Why, rather than moving blocks in and out of one-item slots: a thread-per-task pair then
 * costs two atomic instructions (the claim, and the release that refuses a double release) instead
 * of three, and the slot's cache line is only read once it holds its block, so the cores running
 * such threads share it instead of taking it from each other on every call. The same design as
 * Stormpot's virtual-thread-safe tap (slots that remember a slot object, claimed by its state).
 *
 * <p>A thread probes its slot and the next {@value #PROBES} - 1 before it gives up (two threads
 * running at once that hash to one slot then both find a block). Nothing in a slot is hidden:
 * {@link #claimAny} tries every slot, so a thread that found the pool's shared store empty, or a
 * waiter, finds these too. Why no wake-up is lost: a release of a homed block ends its lease with
 * a CAS and then reads the waiter count; a waiter raises that count before it scans, and the scan
 * reads each lease word (volatile), all synchronization actions.
 *
 * <p>Homed blocks are at most one per slot, and {@link #countFor} allows at most one slot per 8
 * blocks of the pool.
 */
public final class BlockHomes {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Block[].class);
    private static final BlockAccess BLOCKS = Blocks.access();
    /**
     * Array elements from one slot to the next: 128 bytes with compressed references (the default
     * below 32 GiB of heap), 256 without, so that two slots never share a cache line nor the
     * pair of lines the adjacent-line prefetcher fetches together.
     */
    private static final int SPACING = 32;
    /** Slots per core: more than the threads a core runs at once, so that neighbours rarely meet. */
    private static final int SLOTS_PER_CORE = 4;
    /** Past this, a scan by a waiter costs more than the slots save. */
    private static final int MAX_SLOTS = 128;
    /** At most one slot per this many blocks of the pool, so that a small pool keeps its blocks in its shared store. */
    private static final int ITEMS_PER_SLOT = 8;
    /** Slots a thread tries, its own first. */
    static final int PROBES = 4;

    private final Block[] slots;
    private final int mask;
    private final int probes;

    /** {@code count} slots, a power of two. */
    public BlockHomes(int count) {
        if (count < 1 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count must be a power of two >= 1, got " + count);
        }
        this.slots = new Block[count * SPACING];
        this.mask = count - 1;
        this.probes = Math.min(PROBES, count);
    }

    /**
     * The slots for a pool of {@code capacity} blocks on {@code cores} cores: a power of two,
     * {@value #SLOTS_PER_CORE} per core up to {@value #MAX_SLOTS}, and at most one per
     * {@value #ITEMS_PER_SLOT} blocks; 0 when the pool is too small to spare any.
     */
    public static int countFor(int capacity, int cores) {
        int wanted = Math.min(MAX_SLOTS, SLOTS_PER_CORE * Math.max(1, cores));
        int n = Integer.highestOneBit(wanted - 1) << 1;
        while (n > 0 && n > capacity / ITEMS_PER_SLOT) {
            n >>>= 1;
        }
        return n;
    }

    /** The number of slots. */
    public int count() {
        return mask + 1;
    }

    /**
     * The slot of thread {@code t}: its id, whose low bits differ between threads made one after
     * another (so threads started together land on different slots), folded with higher bits.
     */
    public int slotOf(Thread t) {
        @SuppressWarnings("deprecation") // threadId() is Java 19+; getId() is the same number
        long id = t.getId();
        return (int) (id ^ (id >>> 16)) & mask;
    }

    /**
     * Claims the free block homed in {@code slot} or one of the next slots, and returns it in use
     * (its lease counted); null if none of them holds a free block.
     */
    public Block claim(int slot) {
        for (int i = 0; i < probes; i++) {
            Block b = claimAt((slot + i) & mask);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Claims the block homed in slot {@code s} if it is free; the one atomic step the probes repeat. */
    Block claimAt(int s) {
        Block b = (Block) SLOT.getAcquire(slots, s * SPACING);
        return b != null && BLOCKS.claim(b) ? b : null;
    }

    /**
     * Gives {@code b} a home in {@code slot}, or in one of the next slots, if one of them has none
     * yet; false if all of them have. {@code b} must be free, reset, and reachable by no other
     * thread: from here on it is claimable from its slot, and never enters another free set.
     */
    public boolean adopt(int slot, Block b) {
        for (int i = 0; i < probes; i++) {
            int s = (slot + i) & mask;
            if (SLOT.getAcquire(slots, s * SPACING) == null) {
                BLOCKS.home(b, s); // before the CAS, whose release semantics publish it with the block
                if (SLOT.compareAndSet(slots, s * SPACING, null, b)) {
                    return true;
                }
                BLOCKS.home(b, -1);
            }
        }
        return false;
    }

    /** Whether {@code b} lives in a slot of these homes (if so, its release only ends its lease). */
    public static boolean isHomed(Block b) {
        return BLOCKS.home(b) >= 0;
    }

    /** Claims a free homed block from any slot, or returns null if none was free when read. */
    public Block claimAny() {
        for (int s = 0; s <= mask; s++) {
            Block b = claimAt(s);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Homed blocks that are free now: racy reads, an estimate for messages and statistics. */
    public int freeCount() {
        int n = 0;
        for (int s = 0; s <= mask; s++) {
            Block b = (Block) SLOT.getAcquire(slots, s * SPACING);
            if (b != null && !b.isInUse()) {
                n++;
            }
        }
        return n;
    }

    /** Blocks with a home here, free or not. */
    public int homed() {
        int n = 0;
        for (int s = 0; s <= mask; s++) {
            if (SLOT.getAcquire(slots, s * SPACING) != null) {
                n++;
            }
        }
        return n;
    }
}
