package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolStats;

/** Buffers from a {@link BlockPool}: one block per read, released once the read is echoed. */
final class PooledBuffers implements BufferSource {
    private final BlockPool pool;
    /** WAIT: the loops must never wait, so they use tryAcquire and let the broker do the waiting. */
    private final boolean tryOnly;

    PooledBuffers(BlockPool pool, BufferExhaustion exhaustion) {
        this.pool = pool;
        this.tryOnly = exhaustion == BufferExhaustion.WAIT;
    }

    @Override
    public boolean lease(Connection c) {
        // Under UNPOOLED, acquire() never fails and never waits: on exhaustion it makes a fresh block.
        Block b = tryOnly ? pool.tryAcquire() : pool.acquire();
        if (b == null) {
            return false;
        }
        c.lease(b);
        return true;
    }

    @Override
    public void giveBack(Connection c) {
        pool.release(c.unlease());
    }

    @Override
    public BlockPool pool() {
        return tryOnly ? pool : null;
    }

    @Override
    public PoolStats stats() {
        return pool.stats();
    }

    @Override
    public long outstanding() {
        return pool.stats().inUse();
    }

    @Override
    public String describeOutstanding() {
        return pool.leaks().describe();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return pool.toString();
    }
}
