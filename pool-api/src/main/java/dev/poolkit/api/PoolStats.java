package dev.poolkit.api;

/**
 * A snapshot of a pool's counters.
 *
 * <p><b>Consistency.</b> Once no acquire or release is in flight (every thread that used the pool
 * has returned from its last call, or a happens-before edge such as {@code Thread.join} orders the
 * snapshot after them), every field is exact. Taken during traffic, a snapshot is not of one
 * instant, but it is never inconsistent in the direction that misleads: the counters are read
 * acquires first and releases last, so {@code inUse} never exceeds what was really out at one
 * moment of the snapshot, is never negative, and never exceeds the blocks that exist (capacity plus
 * unpooled blocks not yet released); {@code acquires - releases == inUse} always;
 * {@code highWater >= inUse} always, and {@code highWater} never decreases from one snapshot to the
 * next. Every counter only grows.
 *
 * @param acquires    successful acquires, pooled and unpooled
 * @param releases    successful releases, pooled and unpooled
 * @param misses      acquires that could not reuse pooled memory: an unpooled block handed out
 *                    ({@link ExhaustionPolicy.Kind#UNPOOLED}), or a new object made by the factory
 * @param exhaustions times a caller found nothing free: {@code tryAcquire()} returning null, or
 *                    {@code acquire()} entering its exhaustion policy (always 0 for object pools,
 *                    which make a new object instead)
 * @param discards    releases whose object was dropped rather than kept: unpooled blocks, and
 *                    objects beyond {@code maxIdle} or whose reset failed
 * @param inUse       handed out and not yet released ({@code acquires - releases})
 * @param highWater   the most in use at once since the pool was made, for sizing. Blocks: exact
 *                    while one thread uses the pool, or several take turns (ordered by
 *                    happens-before); under concurrent use each backend counts what it sees when it
 *                    hands a block out (see its documentation), so a peak built up across threads
 *                    can be over- or understated by the blocks in flight; never above the blocks
 *                    that exist. Objects: the most objects the pool had made and not dropped at once,
 *                    which equals the most in use at once for backends whose idle store is shared,
 *                    and exceeds it by objects idle in other threads' caches for those that have them
 */
public record PoolStats(long acquires, long releases, long misses, long exhaustions, long discards, long inUse,
                        long highWater) {

    @Override
    public String toString() {
        return "acquires=" + acquires + " releases=" + releases + " misses=" + misses + " exhaustions="
                + exhaustions + " discards=" + discards + " inUse=" + inUse + " highWater=" + highWater;
    }
}
