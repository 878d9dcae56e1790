package dev.poolkit.jctools;

import dev.poolkit.api.PoolConfigException;
import org.jctools.queues.MpmcArrayQueue;

/** Sizing of the {@link MpmcArrayQueue}s behind this backend's pools. */
final class Queues {
    /** MpmcArrayQueue's smallest capacity: its sequence scheme needs two slots. */
    static final int MIN_CAPACITY = 2;
    /** MpmcArrayQueue rounds its capacity up to a power of two, and cannot go past 2^30. */
    static final int MAX_CAPACITY = 1 << 30;

    private Queues() {
    }

    /**
     * Checks that a queue can hold {@code wanted} elements; call it before allocating anything else.
     *
     * @param what   the setting, for the message, e.g. "capacity"
     * @param advice what to do instead, for the message
     * @throws PoolConfigException if {@code wanted} exceeds {@link #MAX_CAPACITY}
     */
    static void checkRoom(int wanted, String what, String advice) {
        if (wanted > MAX_CAPACITY) {
            throw new PoolConfigException(what + " must be at most " + MAX_CAPACITY + " for the " + JctoolsBackend.NAME
                    + " backend (the largest JCTools MpmcArrayQueue), got " + wanted + "; " + advice);
        }
    }

    /**
     * A queue with room for at least {@code wanted} elements (checked by {@link #checkRoom}). Its real
     * capacity is rounded up to a power of two; the pools keep their own, exact limit (the slab's
     * capacity, maxIdle permits).
     */
    static <E> MpmcArrayQueue<E> withRoomFor(int wanted) {
        return new MpmcArrayQueue<>(Math.max(MIN_CAPACITY, wanted));
    }
}
