package dev.poolkit.api;

/**
 * The three calls a pool's user makes on the hot path. A {@link BlockPool} is a tap any thread may
 * use; {@link BlockPool#tap()} makes one bound to the calling thread, the fast path for a thread
 * that acquires and releases many times (an event loop, a worker): the per-thread lookup a pool
 * call makes is done once, when the tap is made, instead of on every call (Stormpot's thread-local
 * tap has the same idea).
 *
 * <p>A tap made by {@code tap()} belongs to its thread: a call from any other thread throws
 * {@link ForeignThreadException} and changes nothing. Blocks are the pool's, not the tap's: a block
 * taken through a tap may be released through the pool, or through another thread's tap, and the
 * other way round. Everything else (misuse refusals, exhaustion policy, statistics, close) is the
 * pool's, exactly as documented on {@link BlockPool}.
 */
public interface BlockTap {
    /** As {@link BlockPool#acquire()}. */
    Block acquire();

    /** As {@link BlockPool#tryAcquire()}. */
    Block tryAcquire();

    /** As {@link BlockPool#release(Block)}. */
    void release(Block block);
}
