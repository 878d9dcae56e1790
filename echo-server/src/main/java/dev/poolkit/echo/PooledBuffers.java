package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.PoolStats;


/**
 * Buffers from a {@link BlockPool}: one block per readiness event, released once its reads are
 * echoed. The loops only ever call {@code tryAcquire()}, which never waits.
 *
 * <p>When the pool is empty: under {@link BufferExhaustion#WAIT} the lease fails and the
 * connection waits (through the {@link BufferBroker}); under {@link BufferExhaustion#UNPOOLED} it
 * gets a plain heap buffer instead, left to the garbage collector once echoed. Heap, not a fresh
 * direct block: direct memory is freed only when a collection finds its owner unreachable, and a
 * pooled server makes so little garbage that collections are rare, so fresh direct blocks pile up
 * until {@code -XX:MaxDirectMemorySize} stalls the loop in {@code System.gc()}. The cost is the
 * one a server without a pool pays: heap garbage per read, and the JDK's copy of each read and
 * write through its per-thread temporary direct buffer. The pool counts none of these buffers;
 * {@link #stats()} adds them in as acquires, misses, discards and releases.
 */
final class PooledBuffers implements BufferSource {
    private final BlockPool pool;
    /** UNPOOLED: a heap buffer when no block is free. */
    private final boolean heapFallback;
    private final int blockSize;
    private final HeapFallbacks fallbacks = new HeapFallbacks();

    PooledBuffers(BlockPool pool, BufferExhaustion exhaustion, int blockSize) {
        this.pool = pool;
        this.heapFallback = exhaustion == BufferExhaustion.UNPOOLED;
        this.blockSize = blockSize;
    }

    @Override
    public boolean lease(Connection c) {
        Block b = pool.tryAcquire();
        if (b != null) {
            c.lease(b);
            return true;
        }
        return heapFallback && leaseHeap(c);
    }

    @Override
    public void read(Connection c, int n, int room) {
        if (c.block != null) {
            PoolRecording.recordUse(c.block, n); // a mask test unless this lease is sampled
        }
    }

    /** Slow path of UNPOOLED. */
    private boolean leaseHeap(Connection c) {
        fallbacks.lend(c, blockSize);
        return true;
    }

    @Override
    public void giveBack(Connection c) {
        Block b = c.unlease();
        if (b != null) {
            pool.release(b);
        } else {
            fallbacks.dropped();
        }
    }

    @Override
    public void spill(Connection c) {
        fallbacks.spill(c, pool::release);
    }

    @Override
    public boolean scarce() {
        return heapFallback && fallbacks.out() > 0;
    }

    @Override
    public BlockPool pool() {
        return heapFallback ? null : pool;
    }

    @Override
    public PoolStats stats() {
        PoolStats s = pool.stats();
        if (!heapFallback) {
            return s;
        }
        return fallbacks.addTo(s);
    }

    @Override
    public long outstanding() {
        return pool.stats().inUse() + fallbacks.out();
    }

    @Override
    public String describeOutstanding() {
        long heap = fallbacks.out();
        return pool.leaks().describe() + (heap == 0 ? "" : "; and " + heap + " heap buffer(s) taken while the pool"
                + " was empty were not given back");
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
