package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolStats;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --pool none}, the baseline: a new heap buffer for every readiness event (so one per
 * message that fits a buffer), left to the garbage collector once echoed. Heap, not direct,
 * because that is what a server written without a pool does ({@code ByteBuffer.allocate}); a
 * direct buffer per read would be a strawman (each one costs a native allocation and a Cleaner).
 * The counters make its figures comparable to a pool's.
 */
final class FreshBuffers implements BufferSource {
    private final int blockSize;
    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();

    FreshBuffers(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public boolean lease(Connection c) {
        c.buffer = ByteBuffer.allocate(blockSize);
        long inUse = allocated.incrementAndGet() - dropped.get();
        if (inUse > highWater.get()) {
            highWater.accumulateAndGet(inUse, Math::max);
        }
        return true;
    }

    @Override
    public void giveBack(Connection c) {
        c.unlease();
        dropped.incrementAndGet();
    }

    @Override
    public void spill(Connection c) {
        dropped.incrementAndGet(); // the buffer is heap already: it becomes the connection's own
        c.spillTo(c.buffer);
    }

    @Override
    public boolean scarce() {
        return false;
    }

    @Override
    public BlockPool pool() {
        return null;
    }

    @Override
    public PoolStats stats() {
        long released = dropped.get();
        long acquires = allocated.get();
        long inUse = acquires - released;
        // Every buffer is new memory (a miss) and every release drops it (a discard); never exhausted.
        return new PoolStats(acquires, released, acquires, 0, released, inUse, Math.max(inUse, highWater.get()));
    }

    @Override
    public long outstanding() {
        return stats().inUse();
    }

    @Override
    public String describeOutstanding() {
        long n = outstanding();
        return "no pool (" + EchoConfig.NO_POOL + "): " + (n == 0 ? "no buffers outstanding" : n + " buffer(s) still out");
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "fresh " + blockSize + "-byte heap buffers (no pool)";
    }
}
