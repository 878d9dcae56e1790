package dev.poolkit.api;

/**
 * A snapshot of a pool's counters. Taken while other threads work, the counters are each exact
 * but not all of the same instant.
 *
 * @param acquires    successful acquires, pooled and unpooled
 * @param releases    successful releases, pooled and unpooled
 * @param misses      acquires that could not reuse pooled memory: an unpooled block handed out
 *                    ({@link ExhaustionPolicy.Kind#UNPOOLED}), or a new object made by the factory
 * @param exhaustions times a caller found nothing free: {@code tryAcquire()} returning null, or
 *                    {@code acquire()} entering its exhaustion policy
 * @param discards    releases whose object was dropped rather than kept: unpooled blocks, and
 *                    objects beyond {@code maxIdle}
 * @param inUse       handed out and not yet released (acquires - releases)
 * @param highWater   the most in use at once since the pool was made. Exact while a single thread
 *                    uses the pool. Each thread tracks it from its own counters and looks at the
 *                    others' only when it may have set a new high, so a peak built up across
 *                    threads (A holds 10, B takes 5 more) can be missed or, by the operations in
 *                    flight, overstated. Read it as an estimate for sizing, not an exact bound
 */
public record PoolStats(long acquires, long releases, long misses, long exhaustions, long discards, long inUse,
                        long highWater) {

    @Override
    public String toString() {
        return "acquires=" + acquires + " releases=" + releases + " misses=" + misses + " exhaustions="
                + exhaustions + " discards=" + discards + " inUse=" + inUse + " highWater=" + highWater;
    }
}
