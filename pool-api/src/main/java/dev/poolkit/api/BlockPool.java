package dev.poolkit.api;

/**
 * A fixed set of {@code capacity} blocks of {@code blockSize} bytes, carved from one slab
 * allocated up front: the seed article's {@code memPool}. Thread-safe; every backend gives the
 * same meaning to every method (see the contract below), and {@link Pools} finds one by name.
 *
 * <pre>{@code
 * Block block = pool.acquire();
 * try {
 *     ByteBuffer buf = block.buffer();   // position 0, limit blockSize
 *     channel.read(buf);
 * } finally {
 *     pool.release(block);
 * }
 * }</pre>
 *
 * <p><b>Memory visibility:</b> everything a holder wrote to a block (and anything else) before
 * {@link #release} happens-before the next acquirer of that block returns from {@code acquire}.
 *
 * <p><b>Misuse</b> ({@code release(null)}, releasing twice, releasing into the wrong pool, using
 * a closed pool) throws a {@link PoolMisuseException} or {@link PoolClosedException} and leaves
 * the pool exactly as it was. Not detectable: releasing a stale handle after the block was handed
 * to someone else (the handle is the same object), and touching the buffer after release.
 */
public interface BlockPool extends BlockTap, AutoCloseable {

    /**
     * A free block, or what the configured {@link ExhaustionPolicy} gives when none is free.
     *
     * @throws PoolExhaustedException   under {@code fail()} at once, under {@code await(d)} after d
     * @throws PoolClosedException      if the pool is closed, or closes while this call waits
     * @throws PoolInterruptedException if interrupted while waiting
     */
    Block acquire();

    /**
     * A free block, or null iff no block is free at this moment. Never waits and never hands out
     * an unpooled block, whatever the policy. (A backend without {@link Capability#EXACT_AVAILABILITY}
     * may also return null while blocks sit free in other threads' caches; see its documentation.)
     *
     * @throws PoolClosedException if the pool is closed
     */
    Block tryAcquire();

    /**
     * Gives the block back. Its buffer is reset (position 0, limit blockSize, big-endian) for the
     * next holder; its contents are left as they are.
     *
     * @throws NullReleaseException    if {@code block} is null
     * @throws ForeignObjectException  if another pool handed it out
     * @throws DoubleReleaseException  if it is already free
     * @throws PoolClosedException     if this pool is closed (the block stays counted as out)
     */
    void release(Block block);

    /**
     * A tap for the calling thread: the same calls as the pool, with the per-thread lookup done
     * once, here, instead of on every call. Worth it on a thread that makes many pairs (an event
     * loop, a long-lived worker) with a backend that keeps per-thread caches ({@code local}); for
     * the others it costs the same as the pool. The tap refuses calls from any other thread with
     * {@link ForeignThreadException}; see {@link BlockTap}. A tap holds no blocks, so dropping it
     * loses nothing. Made on a virtual thread it is the pool's shared path with the owner check:
     * hold taps on long-lived platform threads, not one per task.
     */
    BlockTap tap();

    BlockPoolConfig config();

    /** The registered name of the backend behind this pool, e.g. {@code "freelist"}. */
    String backend();

    PoolStats stats();

    /**
     * How often {@link #acquire()} has waited under {@link ExhaustionPolicy#await}, and for how
     * long in all; {@link WaitStats#NONE} for an implementation that does not record it.
     */
    default WaitStats waits() {
        return WaitStats.NONE;
    }

    /** The blocks handed out and not yet released, with where they were taken if tracking is on. */
    LeakReport leaks();

    boolean isClosed();

    /**
     * Closes the pool: later acquires and releases throw {@link PoolClosedException}, and threads
     * waiting in {@link #acquire()} are woken with one. Blocks still out are reported as a warning
     * through {@link System.Logger} (see {@link #leaks()}). Idempotent. The slab's memory is freed
     * by the garbage collector once no block's buffer is reachable, never under a holder's feet.
     *
     * <p>Close does not wait for calls already in flight: an {@code acquire} that passed its open
     * check just before {@code close} may still hand out a block, which the warning at close can
     * miss; {@link #leaks()} called afterwards reports it, and its release throws
     * {@link PoolClosedException}. Stop the threads that use a pool before closing it.
     */
    @Override
    void close();
}
