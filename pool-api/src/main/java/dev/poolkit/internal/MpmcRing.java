package dev.poolkit.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded lock-free multi-producer multi-consumer queue (Dmitry Vyukov's array queue): the
 * shared store behind the {@code local} backend's per-thread caches. One CAS per operation and no
 * allocation. JDK only, so the default backend needs no library.
 *
 * <p>Each slot carries a sequence number that says whose turn it is: equal to the position for a
 * producer, position + 1 for a consumer. The sequence is written with release semantics after the
 * item, and read with acquire before it, so an item is fully published before it can be taken.
 */
public final class MpmcRing<E> {
    /** A publish takes a few instructions; past this many spins the other thread was likely preempted. */
    private static final int SPINS_BEFORE_YIELD = 64;

    private final int mask;
    private final AtomicReferenceArray<E> items;
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong(); // next position to offer into
    private final AtomicLong head = new AtomicLong(); // next position to poll from

    public MpmcRing(int minCapacity) {
        // At least 2 slots: with one, "published at p" and "taken at p" share sequence p + 1, so
        // a second offer would overwrite an untaken item and poll would spin forever.
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, minCapacity - 1)) << 1);
        this.mask = size - 1;
        this.items = new AtomicReferenceArray<>(size);
        this.sequence = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequence.setPlain(i, i);
        }
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Adds {@code e}; false iff the ring is full. A slot still being emptied by a consumer that
     * has already claimed it is waited for, not reported as full (as JCTools does).
     */
    public boolean offer(E e) {
        long pos = tail.get();
        int spins = 0;
        while (true) {
            int slot = (int) pos & mask;
            long dif = sequence.getAcquire(slot) - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    items.setPlain(slot, e);
                    sequence.setRelease(slot, pos + 1); // publishes the item to consumers
                    return true;
                }
                pos = tail.get();
            } else if (dif < 0) {
                // The slot holds the item from one lap ago. Full iff no consumer has claimed it;
                // if one has (head moved past it), it is a few instructions from freeing it.
                if (pos - (mask + 1) >= head.get()) {
                    return false;
                }
                spins = backOff(spins);
            } else {
                pos = tail.get(); // another producer took this position; try the next
            }
        }
    }

    /**
     * Removes the oldest item; null iff the ring is empty. A slot claimed by a producer that has not
     * published yet is waited for, so that "empty" is decided by a volatile read of {@code tail}:
     * a waiter that raised its count and then polls cannot miss an offer whose tail CAS came
     * first (the Dekker pairing that {@code Waiters} relies on).
     */
    public E poll() {
        long pos = head.get();
        int spins = 0;
        while (true) {
            int slot = (int) pos & mask;
            long dif = sequence.getAcquire(slot) - (pos + 1);
            if (dif == 0) {
                if (head.compareAndSet(pos, pos + 1)) {
                    E e = items.getPlain(slot);
                    items.setPlain(slot, null); // do not keep a taken item reachable
                    sequence.setRelease(slot, pos + mask + 1); // hands the slot to the next lap's producer
                    return e;
                }
                pos = head.get();
            } else if (dif < 0) {
                if (pos >= tail.get()) {
                    return null; // nothing offered at or after pos: empty
                }
                spins = backOff(spins); // offered, not yet published
            } else {
                pos = head.get();
            }
        }
    }

    /** Spin briefly, then yield: the other side may have been descheduled mid-operation. */
    private static int backOff(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    /** Items in the ring; exact when no operation is in flight. */
    public int size() {
        long h = head.get();
        long t = tail.get();
        return (int) Math.max(0, Math.min(mask + 1L, t - h));
    }
}
