package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;

import java.util.List;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;

/**
 * Where connections get their read buffers: a {@link BlockPool} of any backend, or fresh heap
 * memory for the {@code none} baseline. Thread-safe; {@link #lease} and {@link #giveBack} are the
 * hot path.
 */
interface BufferSource extends AutoCloseable {

    /** The source {@code config} describes; a pool registers its MXBean as {@code jmxName}. */
    static BufferSource of(EchoConfig config, String jmxName) {
        if (EchoConfig.LOOP_BUFFER.equals(config.pool())) {
            return new LoopBuffers(config.blockSize());
        }
        if (!config.pooled()) {
            return new FreshBuffers(config.blockSize());
        }
        if (!config.sizeClasses().isEmpty()) {
            return new SizeClassBuffers(config.sizeClassPool(), config.exhaustion());
        }
        return new PooledBuffers(Pools.blockPool(config.pool(), config.blockPoolConfig().toBuilder().jmxName(jmxName)
                .build()), config.exhaustion(),
                config.blockSize());
    }

    /**
     * Leases {@code c} an empty buffer (position 0, limit = block size). Never blocks.
     *
     * @return true iff {@code c} now holds a buffer; false iff none is free right now, and then
     *         {@code c} must wait for one (only when {@link #pool()} is non-null)
     */
    boolean lease(Connection c);

    /**
     * {@code c} has just read {@code n > 0} bytes into a buffer that had {@code room} bytes free:
     * for the recording's sampled uses, and for a source that sizes each connection's next buffer.
     */
    default void read(Connection c, int n, int room) {
    }

    /** Takes back the buffer {@code c} leased; {@code c} holds none afterwards. Not for a spilled buffer. */
    void giveBack(Connection c);

    /**
     * Ends {@code c}'s lease but keeps its unsent bytes (position to limit of its buffer) in a heap
     * buffer that belongs to {@code c} alone ({@link Connection#spillTo}): a copy of exactly those
     * bytes when the buffer was pool memory, which then goes back to the pool; the same buffer when
     * it already was a heap buffer of its own.
     */
    void spill(Connection c);

    /**
     * True while buffers are scarce: connections have just found none free, so a stalled
     * connection should give its block back at once rather than after {@code --spill-after}. A
     * hint, read on the slow path only.
     */
    boolean scarce();

    /**
     * The pool a connection that found no buffer waits on, through the {@link BufferBroker}; null
     * when {@link #lease} never fails (no pool, or heap buffers on exhaustion).
     */
    BlockPool pool();

    /**
     * The pools a connection that found no buffer may be served from, in the order to wait on
     * them: the one pool, or every size class; empty when this source never runs out.
     */
    default List<BlockPool> waitPools() {
        BlockPool p = pool();
        return p == null ? List.of() : List.of(p);
    }

    /** Counters in the pool's terms; for {@code none}, every buffer is an acquire and a miss. */
    PoolStats stats();

    /** Buffers leased and not given back; after shutdown, a non-zero count is a leak. */
    long outstanding();

    /** A report of what {@link #outstanding()} counts, with acquire sites if leak tracking is on. */
    String describeOutstanding();

    @Override
    void close();
}
