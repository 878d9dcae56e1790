package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.PoolStats;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The heap buffers a pooled buffer source lends under {@code --exhaustion unpooled} while its pool
 * is empty, and their counts: each is a miss that the pool never sees, dropped on give-back or
 * spill. Shared by the single pool ({@link PooledBuffers}) and the size classes
 * ({@link SizeClassBuffers}), so both report them the same way.
 */
final class HeapFallbacks {
    private final LongAdder made = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();

    /** Lends {@code c} a fresh heap buffer of {@code size} bytes (slow path: the pool is empty). */
    void lend(Connection c, int size) {
        c.buffer = ByteBuffer.allocate(size);
        made.increment();
        long now = out.incrementAndGet();
        if (now > highWater.get()) {
            highWater.accumulateAndGet(now, Math::max);
        }
    }

    /** A lent heap buffer left its connection (given back, or kept as a spilled tail). */
    void dropped() {
        out.decrementAndGet();
        dropped.increment();
    }

    /**
     * Moves {@code c}'s unsent tail to heap memory of its own: a lent heap buffer simply becomes
     * the connection's (and leaves the count); a pooled block's bytes are copied to a right-sized
     * heap array and the block goes back through {@code release}.
     */
    void spill(Connection c, Consumer<Block> release) {
        Block b = c.block;
        if (b == null) {
            dropped();
            c.spillTo(c.buffer);
            return;
        }
        ByteBuffer tail = ByteBuffer.allocate(c.buffer.remaining());
        tail.put(c.buffer).flip();
        c.spillTo(tail);
        release.accept(b);
    }

    /** Heap buffers lent and not yet dropped. */
    long out() {
        return out.get();
    }

    /** {@code pool}'s statistics with the heap buffers counted in: as misses, discards, in use and high water. */
    PoolStats addTo(PoolStats pool) {
        long m = made.sum();
        long d = dropped.sum();
        return new PoolStats(pool.acquires() + m, pool.releases() + d, pool.misses() + m, pool.exhaustions(),
                pool.discards() + d, pool.inUse() + out.get(), pool.highWater() + highWater.get());
    }
}
