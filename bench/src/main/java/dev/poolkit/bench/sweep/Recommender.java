package dev.poolkit.bench.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed's sizing rule made mechanical: measure the combinations, then take the smallest
 * memory footprint whose throughput is within a few percent of the best. Ties in footprint go
 * to the higher throughput. Cells with any echo error are never recommended.
 */
public final class Recommender {
    private Recommender() {
    }

    /** @param withinPercent how much throughput may be given up for memory, e.g. 5 */
    public static Recommendation recommend(String scope, List<SweepPoint> points, double withinPercent) {
        List<String> why = new ArrayList<>();
        List<SweepPoint> usable = points.stream().filter(SweepPoint::usable).toList();
        List<SweepPoint> excluded = points.stream().filter(p -> !p.usable()).toList();
        if (usable.isEmpty()) {
            why.add("No configuration ran without errors, so there is nothing to recommend"
                    + (excluded.isEmpty() ? "." : ": " + describeExcluded(excluded)));
            return new Recommendation(scope, null, null, why);
        }
        SweepPoint best = usable.stream().max(Comparator.comparingDouble(SweepPoint::msgPerSec)).orElseThrow();
        double floor = best.msgPerSec() * (1 - withinPercent / 100.0);
        List<SweepPoint> near = usable.stream().filter(p -> p.msgPerSec() >= floor).toList();
        SweepPoint choice = near.stream().min(Comparator.comparingLong(SweepPoint::slabBytes)
                .thenComparing(Comparator.comparingDouble(SweepPoint::msgPerSec).reversed())).orElseThrow();

        why.add(String.format("Best throughput: %,.0f msg/s with %s (%s reserved, p99 %,.0f us).", best.msgPerSec(),
                cell(best), mib(best), best.p99Us()));
        why.add(String.format("%d of %d configurations reach%s at least %,.0f msg/s (within %s%% of the best).",
                near.size(), usable.size(), near.size() == 1 ? "es" : "", floor, trim(withinPercent)));
        if (choice == best) {
            why.add("None of them reserves less memory, so the best is also the recommendation.");
        } else {
            why.add(String.format("The smallest footprint among them: %s reserves %s (%.0f%% of the best's) at %,.0f"
                            + " msg/s (%+.1f%%), p99 %,.0f us.", cell(choice), mib(choice),
                    100.0 * choice.slabBytes() / best.slabBytes(), choice.msgPerSec(),
                    100 * (choice.msgPerSec() / best.msgPerSec() - 1), choice.p99Us()));
        }
        if (choice.highWater() != null) {
            why.add(String.format("Its pool's high-water mark was %,d of %,d blocks%s.", choice.highWater(),
                    choice.poolSize(), choice.highWater() >= choice.poolSize() ? ": every block was in use at some"
                            + " point" : ""));
        }
        long dry = orZero(choice.exhaustions()) + orZero(choice.misses());
        if (dry > 0) {
            why.add(String.format("It ran dry %,d time(s) (connections waited for a buffer, or got an unpooled one)"
                    + " without losing more than %s%% throughput; if waits matter more than memory to you, take the"
                    + " next pool size up.", dry, trim(withinPercent)));
        }
        if (!excluded.isEmpty()) {
            why.add("Excluded: " + describeExcluded(excluded) + ".");
        }
        return new Recommendation(scope, choice, best, why);
    }

    private static String describeExcluded(List<SweepPoint> excluded) {
        List<String> parts = new ArrayList<>();
        for (SweepPoint p : excluded) {
            parts.add(p.label() + " (" + (p.failure() != null ? firstLine(p.failure()) : p.errors() + " echo errors")
                    + ")");
        }
        return String.join("; ", parts);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Size classes against one block size, by the same rule: the recommendation of each kind, and
     * which won (the smaller footprint when both are within {@code withinPercent} of the better
     * throughput, else the faster). Null when the sweep did not measure both kinds.
     */
    public static Recommendation classesAgainstSingle(List<SweepPoint> points, double withinPercent) {
        Recommendation sets = recommend("class sets", points.stream().filter(SweepPoint::isClassSet).toList(),
                withinPercent);
        Recommendation single = recommend("one size", points.stream().filter(p -> !p.isClassSet()).toList(),
                withinPercent);
        if (sets.choice() == null || single.choice() == null) {
            return null;
        }
        SweepPoint a = sets.choice();
        SweepPoint b = single.choice();
        double floor = Math.max(a.msgPerSec(), b.msgPerSec()) * (1 - withinPercent / 100.0);
        SweepPoint won;
        if (a.msgPerSec() >= floor && b.msgPerSec() >= floor) {
            won = a.slabBytes() <= b.slabBytes() ? a : b;
        } else {
            won = a.msgPerSec() >= b.msgPerSec() ? a : b;
        }
        List<String> why = new ArrayList<>();
        why.add(String.format("Size classes: %s reserves %s at %,.0f msg/s, p99 %,.0f us.", cell(a), mib(a),
                a.msgPerSec(), a.p99Us()));
        why.add(String.format("One block size: %s reserves %s at %,.0f msg/s, p99 %,.0f us.", cell(b), mib(b),
                b.msgPerSec(), b.p99Us()));
        why.add(String.format("Winner: %s (%s).", won == a ? "the size classes" : "one block size",
                a.msgPerSec() >= floor && b.msgPerSec() >= floor
                        ? "both within " + trim(withinPercent) + "% of the better throughput, so the smaller footprint"
                        : "the other is more than " + trim(withinPercent) + "% slower"));
        return new Recommendation("size classes or one block size", won, won, why);
    }

    static String cell(SweepPoint p) {
        if (p.isClassSet()) {
            return String.format("%s, classes %s", p.backend(), p.classSet());
        }
        return String.format("%s, blockSize %,d, poolSize %,d", p.backend(), p.blockSize(), p.poolSize());
    }

    /** The reserved memory in the unit that reads best: {@code 16 KiB}, {@code 1.00 MiB}, {@code 64 MiB}. */
    static String mib(SweepPoint p) {
        double kib = p.slabBytes() / 1024.0;
        if (kib < 1024) {
            return kib < 10 ? String.format("%.1f KiB", kib) : String.format("%.0f KiB", kib);
        }
        return p.slabMiB() >= 10 ? String.format("%.0f MiB", p.slabMiB()) : String.format("%.2f MiB", p.slabMiB());
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
