package dev.poolkit.api;

/**
 * How often {@link BlockPool#acquire()} waited for a block under {@link ExhaustionPolicy#await},
 * and for how long in all, whether the wait ended with a block or timed out. Both only grow.
 *
 * @param count      acquires that found nothing free and waited
 * @param totalNanos their time waiting, summed, in nanoseconds
 */
public record WaitStats(long count, long totalNanos) {
    /** No wait recorded: for a pool whose policy never waits. */
    public static final WaitStats NONE = new WaitStats(0, 0);
}
