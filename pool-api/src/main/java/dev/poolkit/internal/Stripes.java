package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of one-item slots, each on cache lines of its own, picked by a hash of the thread's
 * id: where the {@code local} backend keeps free blocks for threads that have no cache of their own
 * (virtual threads, and platform threads that found no room in the pool's table), instead of
 * sending every one of their acquires and releases to the shared ring, whose head and tail every
 * core would then write on every call.
 *
 * <p>Why it helps thread-per-task code: a short-lived thread that does a few pairs takes the block
 * its slot holds and gives it back to the same slot, so its pairs touch one cache line that the
 * other cores rarely want, and no state is kept per thread, however many threads there are. Two
 * threads that hash to the same slot at the same time simply find it empty or full and use the
 * ring.
 *
 * <p>Every operation is one atomic instruction on one slot, after a volatile read that skips it
 * when it would fail; {@link #take} and {@link #give} on a slot are linearizable (model-checked).
 * Nothing in a slot is hidden from other threads: {@link #takeAny} scans every slot, so a waiter
 * that found the ring empty finds these too. That scan is not an atomic snapshot (it can return
 * null while a slot it already passed fills up), which is enough for a pool: a release that gives
 * to a slot then reads the waiter count, and a waiter raises that count before it scans, both
 * synchronization actions, so either the releaser sees the waiter and signals it or the waiter's
 * scan sees the item.
 *
 * @param <E> the item type
 */
public final class Stripes<E> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
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
    /** At most one slot per this many items of the pool, so that a small pool keeps its items in the ring. */
    private static final int ITEMS_PER_SLOT = 8;

    private final Object[] slots;
    private final int mask;

    /** {@code count} slots, a power of two. */
    public Stripes(int count) {
        if (count < 1 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count must be a power of two >= 1, got " + count);
        }
        this.slots = new Object[count * SPACING];
        this.mask = count - 1;
    }

    /**
     * The slots for a pool of {@code capacity} items on {@code cores} cores: a power of two,
     * {@value #SLOTS_PER_CORE} per core up to {@value #MAX_SLOTS}, and at most one per
     * {@value #ITEMS_PER_SLOT} items; 0 when the pool is too small to spare any.
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

    /** Removes and returns the item in slot {@code slot}, or null if it is empty. */
    @SuppressWarnings("unchecked") // only E is ever stored
    public E take(int slot) {
        int i = slot * SPACING;
        if (SLOT.getVolatile(slots, i) == null) {
            return null; // empty: no atomic instruction, and the line stays shared
        }
        return (E) SLOT.getAndSet(slots, i, null);
    }

    /** Puts {@code e} in slot {@code slot} and returns true, or returns false if the slot is full. */
    public boolean give(int slot, E e) {
        int i = slot * SPACING;
        return SLOT.getVolatile(slots, i) == null && SLOT.compareAndSet(slots, i, null, e);
    }

    /** Removes and returns an item from any slot, or null if every slot was empty when read. */
    public E takeAny() {
        for (int s = 0; s <= mask; s++) {
            E e = take(s);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** Items in the slots now: racy reads, an estimate for messages and statistics. */
    public int size() {
        int n = 0;
        for (int s = 0; s <= mask; s++) {
            if (SLOT.getVolatile(slots, s * SPACING) != null) {
                n++;
            }
        }
        return n;
    }
}
