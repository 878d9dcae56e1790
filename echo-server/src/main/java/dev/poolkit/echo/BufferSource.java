package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;

/**
 * Where connections get their read buffers: a {@link BlockPool} of any backend, or fresh memory
 * for the {@code none} baseline. Thread-safe; {@link #lease} and {@link #giveBack} are the hot path.
 */
interface BufferSource extends AutoCloseable {

    static BufferSource of(EchoConfig config) {
        if (!config.pooled()) {
            return new FreshBuffers(config.blockSize());
        }
        return new PooledBuffers(Pools.blockPool(config.pool(), config.blockPoolConfig()), config.exhaustion());
    }

    /**
     * Leases {@code c} an empty buffer (position 0, limit = block size). Never blocks.
     *
     * @return true iff {@code c} now holds a buffer; false iff none is free right now, and then
     *         {@code c} must wait for one (only when {@link #pool()} is non-null)
     */
    boolean lease(Connection c);

    /** Takes back the buffer {@code c} holds; {@code c} holds none afterwards. */
    void giveBack(Connection c);

    /**
     * The pool a connection that found no buffer waits on, through the {@link BufferBroker}; null
     * when {@link #lease} never fails (no pool, or unpooled blocks on exhaustion).
     */
    BlockPool pool();

    /** Counters in the pool's terms; for {@code none}, every buffer is an acquire and a miss. */
    PoolStats stats();

    /** Buffers leased and not given back; after shutdown, a non-zero count is a leak. */
    long outstanding();

    /** A report of what {@link #outstanding()} counts, with acquire sites if leak tracking is on. */
    String describeOutstanding();

    @Override
    void close();
}
