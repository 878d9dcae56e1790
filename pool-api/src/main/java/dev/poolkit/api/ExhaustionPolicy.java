package dev.poolkit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link BlockPool#acquire()} does when no block is free. ({@link BlockPool#tryAcquire()}
 * ignores the policy and returns null.)
 */
public final class ExhaustionPolicy {
    /** The three behaviours; {@link #kind()} tells which one a policy is. */
    public enum Kind {
        /** Throw {@link PoolExhaustedException} at once. */
        FAIL,
        /** Wait up to {@link #maxWait()} for a release, then throw {@link PoolExhaustedException}. */
        WAIT,
        /**
         * Hand out a fresh block that is not part of the slab ({@link Block#isPooled()} false);
         * releasing it drops it. Counted as a miss in {@link PoolStats}.
         */
        UNPOOLED
    }

    private static final ExhaustionPolicy FAIL = new ExhaustionPolicy(Kind.FAIL, Duration.ZERO);
    private static final ExhaustionPolicy UNPOOLED = new ExhaustionPolicy(Kind.UNPOOLED, Duration.ZERO);

    private final Kind kind;
    private final Duration maxWait;

    private ExhaustionPolicy(Kind kind, Duration maxWait) {
        this.kind = kind;
        this.maxWait = maxWait;
    }

    /** Throw at once: the seed's {@code alloc} returning nil, as an exception. The default. */
    public static ExhaustionPolicy fail() {
        return FAIL;
    }

    /** Hand out an unpooled block rather than fail. */
    public static ExhaustionPolicy unpooled() {
        return UNPOOLED;
    }

    /**
     * Wait up to {@code maxWait} for another thread to release a block.
     *
     * @throws PoolConfigException if {@code maxWait} is negative
     */
    public static ExhaustionPolicy await(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new PoolConfigException("exhaustion wait must be >= 0, got " + maxWait
                    + "; use ExhaustionPolicy.fail() to fail at once");
        }
        if (maxWait.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
            throw new PoolConfigException("exhaustion wait must be at most " + Duration.ofNanos(Long.MAX_VALUE)
                    + ", got " + maxWait);
        }
        return new ExhaustionPolicy(Kind.WAIT, maxWait);
    }

    public Kind kind() {
        return kind;
    }

    /** How long {@link Kind#WAIT} waits; zero for the other kinds. */
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExhaustionPolicy && ((ExhaustionPolicy) o).kind == kind
                && ((ExhaustionPolicy) o).maxWait.equals(maxWait);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + maxWait.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.WAIT ? "await(" + maxWait + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
