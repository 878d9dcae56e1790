package dev.poolkit.bench.advise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses size classes from a histogram: every request rounds up to a class at most
 * {@code wasteBound} above its size (12.5% by default, the bound Go's size classes keep), and among
 * all class sets that keep the bound, the one that reserves the least memory, which also chooses
 * how many classes there are.
 *
 * <p><b>Capacity.</b> With a peak of {@code P} blocks out at once and a class serving a share
 * {@code p} of the requests, the blocks of that class out at the peak are about binomial
 * ({@code P}, {@code p}); the class gets their mean plus three standard deviations, then the
 * headroom: {@code ceil((1 + headroom) * (P p + 3 sqrt(P p (1 - p))))}. That margin is why more
 * classes are not always better: each class carries its own, so a split pays only when the memory
 * it saves on rounding exceeds the extra margin.
 *
 * <p><b>The search.</b> Classes are contiguous ranges of the sorted sizes; a range is allowed when
 * its class (its largest size, rounded up to 64 or 8 bytes where the bound still holds) is at
 * most {@code 1 + wasteBound} times its smallest size. A dynamic program over the ranges finds the
 * allowed partition of least reserved memory exactly, in time quadratic in the distinct sizes
 * (the histogram is coarsened upwards to {@value #MAX_BINS} sizes first).
 */
final class Advisor {
    static final double DEFAULT_WASTE = 0.125;
    static final double DEFAULT_HEADROOM = 0.25;
    /** Distinct sizes the search works on: quadratic time stays well under a second. */
    static final int MAX_BINS = 1500;
    /** Standard deviations of margin per class. */
    private static final double SIGMAS = 3;

    private Advisor() {
    }

    record Plan(List<Advice.ClassAdvice> classes, long reserved, double meanWaste) {
    }

    static Plan plan(SizeHistogram raw, double wasteBound, double headroom, long peak) {
        SizeHistogram h = raw.coarsened(MAX_BINS);
        int n = h.weights().size();
        int[] size = new int[n];
        double[] weight = new double[n];
        int k = 0;
        for (Map.Entry<Integer, Double> e : h.weights().entrySet()) {
            size[k] = Math.max(1, e.getKey()); // a 0-byte request still needs a block; treat it as 1
            weight[k] = e.getValue();
            k++;
        }
        double total = 0;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + weight[i];
        }
        total = prefix[n];
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        for (int j = 1; j <= n; j++) {
            // range i..j-1 (0-based); walk i down while the bound holds for the range's smallest size
            for (int i = j - 1; i >= 0; i--) {
                int c = classSize(size[i], size[j - 1], wasteBound);
                if (c < 0) {
                    break;
                }
                double cost = best[i] + (double) c * capacity(peak, (prefix[j] - prefix[i]) / total, headroom);
                if (cost < best[j]) {
                    best[j] = cost;
                    from[j] = i;
                }
            }
        }
        List<Advice.ClassAdvice> classes = new ArrayList<>();
        long reserved = 0;
        double waste = 0;
        for (int j = n; j > 0; j = from[j]) {
            int i = from[j];
            int c = classSize(size[i], size[j - 1], wasteBound);
            double share = (prefix[j] - prefix[i]) / total;
            int cap = capacity(peak, share, headroom);
            classes.add(0, new Advice.ClassAdvice(c, cap, share, size[i], size[j - 1], (double) (c - size[i]) / size[i]));
            reserved += (long) c * cap;
            for (int x = i; x < j; x++) {
                waste += weight[x] * (c - size[x]) / size[x];
            }
        }
        return new Plan(classes, reserved, waste / total);
    }

    static Advice.Single single(SizeHistogram h, double headroom, long peak) {
        int c = roundUp(Math.max(1, h.max()), 64);
        double waste = 0;
        double total = 0;
        for (Map.Entry<Integer, Double> e : h.weights().entrySet()) {
            int s = Math.max(1, e.getKey());
            waste += e.getValue() * (c - s) / s;
            total += e.getValue();
        }
        int cap = (int) Math.ceil((1 + headroom) * peak);
        return new Advice.Single(c, Math.max(1, cap), (long) c * Math.max(1, cap), waste / total);
    }

    /**
     * The class for a range of sizes from {@code smallest} to {@code largest}: the largest rounded up
     * to 64 bytes (a cache line), else 8, else itself, whichever keeps the bound; -1 if even the
     * largest itself breaks it.
     */
    static int classSize(int smallest, int largest, double wasteBound) {
        double limit = smallest * (1 + wasteBound);
        for (int granule : new int[] {64, 8, 1}) {
            int c = roundUp(largest, granule);
            if (c <= limit + 1e-9) {
                return c;
            }
        }
        return -1;
    }

    static int capacity(long peak, double share, double headroom) {
        double mean = peak * share;
        double sd = Math.sqrt(peak * share * (1 - share));
        return Math.max(1, (int) Math.ceil((1 + headroom) * (mean + SIGMAS * sd) - 1e-9));
    }

    private static int roundUp(int v, int granule) {
        long r = ((long) v + granule - 1) / granule * granule;
        return (int) Math.min(r, Integer.MAX_VALUE);
    }

    static String javaCode(List<Advice.ClassAdvice> classes, String backend) {
        StringBuilder sb = new StringBuilder("SizeClassPool pool = SizeClassPool.builder().backend(\"" + backend + "\")");
        for (Advice.ClassAdvice c : classes) {
            sb.append(String.format(Locale.ROOT, "%n        .sizeClass(%d, %d)", c.blockSize(), c.capacity()));
        }
        return sb.append(String.format(Locale.ROOT, "%n        .exhaustion(ExhaustionPolicy.unpooled())%n        .build();"))
                .toString();
    }

    static String echoFlags(List<Advice.ClassAdvice> classes) {
        StringBuilder sizes = new StringBuilder();
        StringBuilder caps = new StringBuilder();
        for (Advice.ClassAdvice c : classes) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(c.blockSize());
            caps.append(caps.length() == 0 ? "" : ",").append(c.capacity());
        }
        return "--block-sizes " + sizes + " --pool-sizes " + caps;
    }
}
