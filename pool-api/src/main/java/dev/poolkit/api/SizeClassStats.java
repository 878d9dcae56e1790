package dev.poolkit.api;

import java.util.List;

/**
 * A snapshot of a {@link SizeClassPool}'s counters: each class's, the oversize blocks' and the sum.
 * Each part has the consistency of {@link PoolStats}; the parts are read one after the other, so
 * during traffic the total is not of one instant.
 *
 * @param classes  one entry per class, smallest first
 * @param oversize requests above the largest class: every one counts as an exhaustion; under
 *                 {@link ExhaustionPolicy#unpooled()} also as an acquire and a miss (an unpooled
 *                 block of exactly the requested size)
 * @param total    the field-by-field sum of the classes and the oversize blocks; its
 *                 {@code highWater} is the sum of the parts' high-water marks, an upper bound of the
 *                 most blocks out at once
 */
public record SizeClassStats(List<ClassStats> classes, PoolStats oversize, PoolStats total) {

    public SizeClassStats {
        classes = List.copyOf(classes);
    }

    /**
     * One class's counters.
     *
     * @param sizeClass the class
     * @param stats     its pool's counters
     */
    public record ClassStats(SizeClass sizeClass, PoolStats stats) {
    }

    static PoolStats sum(List<PoolStats> parts) {
        long a = 0, r = 0, m = 0, e = 0, d = 0, u = 0, h = 0;
        for (PoolStats s : parts) {
            a += s.acquires();
            r += s.releases();
            m += s.misses();
            e += s.exhaustions();
            d += s.discards();
            u += s.inUse();
            h += s.highWater();
        }
        return new PoolStats(a, r, m, e, d, u, h);
    }
}
