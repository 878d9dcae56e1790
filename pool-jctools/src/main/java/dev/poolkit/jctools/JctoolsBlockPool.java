package dev.poolkit.jctools;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.spi.AbstractBlockPool;
import org.jctools.queues.MessagePassingQueue;

/**
 * The {@code jctools} block pool: the free blocks sit in one JCTools MPMC array queue (the one without {@code Unsafe} from Java 23 on, see {@link Queues}), prefilled
 * with every block of the slab. Acquire is {@code poll()}, release is {@code offer()}: one CAS each
 * on the queue's index, no lock, no allocation, and no per-thread cache, so a block released on
 * one thread is visible to every other at once ({@code EXACT_AVAILABILITY}: JCTools' {@code poll}
 * returns null iff the queue is empty).
 *
 * <p><b>Capacity.</b> The queue rounds its size up to a power of two, but that is only room: the
 * queue never holds more than the configured {@code capacity} blocks, because it starts with
 * exactly those and the base class pushes a block only after its CAS from in-use to free, i.e.
 * once per acquire. So capacity 100 means 100 blocks, in a queue of 128 slots.
 *
 * <p><b>Waiting.</b> We keep the base class's {@code awaitFree}: a waiter parks on a condition and
 * release signals it, so a waiting thread burns no core, and a release pays one volatile read
 * when nobody waits. No spinning first: a pool waiter has usually waited long already (every
 * block is out), so a spin would mostly burn cycles, and parking costs microseconds. That no
 * wake-up is lost needs each side to see the other: the waiter raises its count and then polls;
 * {@code poll} reads the producer index (a volatile read) whenever the slot looks empty, and the
 * releaser's {@code offer} CASes that index before it reads the waiter count. Both pairs are
 * synchronisation actions, so either the releaser sees the waiter or the waiter's poll sees the
 * offer (and then spins the few instructions until the element is published).
 */
final class JctoolsBlockPool extends AbstractBlockPool {
    private final MessagePassingQueue<Block> free;
    private final int capacity;

    JctoolsBlockPool(BlockPoolConfig config) {
        super(JctoolsBackend.NAME, checked(config));
        this.capacity = config.capacity();
        this.free = Queues.withRoomFor(capacity);
        for (int i = 0; i < config.capacity(); i++) {
            free.offer(block(i));
        }
    }

    /** Refuses a capacity the queue cannot hold before the base class allocates the slab. */
    private static BlockPoolConfig checked(BlockPoolConfig config) {
        Queues.checkRoom(config.capacity(), "capacity", "use fewer, larger blocks, or several pools");
        return config;
    }

    @Override
    protected Block pollFree() {
        Block b = free.poll();
        if (b != null) {
            // The queue's size is two index reads, made consistent by JCTools; it can be off only by
            // the operations in flight, never outside [0, capacity].
            observeInUse(capacity - free.size());
        }
        return b;
    }

    @Override
    protected int freeCount() {
        return free.size();
    }

    @Override
    protected void pushFree(Block block) {
        // offer fails iff the queue is full; it has room for capacity blocks and holds at most
        // capacity - 1 while this one is out, so a failure can only be a bug.
        if (!free.offer(block)) {
            throw new IllegalStateException("the free queue of " + describe() + " refused " + block
                    + ": it holds more blocks than the pool has; this is a bug, please report it");
        }
    }

    /** Slots in the queue (capacity rounded up to a power of two); for tests. */
    int queueCapacity() {
        return free.capacity();
    }
}
