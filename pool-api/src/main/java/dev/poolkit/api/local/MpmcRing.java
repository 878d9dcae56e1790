package dev.poolkit.api.local;

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
final class MpmcRing<E> {
    private final int mask;
    private final AtomicReferenceArray<E> items;
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong(); // next position to offer into
    private final AtomicLong head = new AtomicLong(); // next position to poll from

    MpmcRing(int minCapacity) {
        int size = Integer.highestOneBit(Math.max(1, minCapacity - 1)) << 1;
        if (minCapacity <= 1) {
            size = 1;
        }
        this.mask = size - 1;
        this.items = new AtomicReferenceArray<>(size);
        this.sequence = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequence.setPlain(i, i);
        }
    }

    int capacity() {
        return mask + 1;
    }

    /** Adds {@code e}; false iff the ring is full (or, transiently, a consumer is mid-poll of the slot). */
    boolean offer(E e) {
        long pos = tail.get();
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
                return false; // the slot still holds the item from one lap ago: full
            } else {
                pos = tail.get(); // another producer took this position; try the next
            }
        }
    }

    /** Removes the oldest item; null iff the ring is empty (or, transiently, a producer is mid-offer). */
    E poll() {
        long pos = head.get();
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
                return null;
            } else {
                pos = head.get();
            }
        }
    }

    /** Items in the ring; exact when no operation is in flight. */
    int size() {
        long h = head.get();
        long t = tail.get();
        return (int) Math.max(0, Math.min(mask + 1L, t - h));
    }
}
