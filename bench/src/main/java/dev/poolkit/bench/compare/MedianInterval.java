package dev.poolkit.bench.compare;

import java.util.List;

/**
 * The median of a few rounds with a distribution-free interval for it: the k-th smallest and k-th
 * largest round, k the largest for which the pair covers the true median with at least
 * {@link #COVERAGE} (binomial order statistics; with 7 rounds that is the lowest and the highest,
 * 98.4%). No assumption about the shape of the rounds' spread, which a busy machine skews.
 */
final class MedianInterval {
    static final double COVERAGE = 0.95;

    private MedianInterval() {
    }

    static Estimate of(List<Double> rounds) {
        double[] x = rounds.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).sorted().toArray();
        int n = x.length;
        if (n == 0) {
            return Estimate.unknown();
        }
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        if (n < 2) {
            return new Estimate(median, Double.NaN, Double.NaN, n);
        }
        int k = 1;
        while (k + 1 <= n / 2 && coverage(n, k + 1) >= COVERAGE) {
            k++;
        }
        return new Estimate(median, x[k - 1], x[n - k], n);
    }

    /** How often [x(k), x(n+1-k)] holds the median: 1 - 2 P(Binomial(n, 1/2) < k). */
    static double coverage(int n, int k) {
        double tail = 0;
        double c = 1; // C(n, i)
        for (int i = 0; i < k; i++) {
            tail += c;
            c = c * (n - i) / (i + 1);
        }
        return 1 - 2 * tail / Math.pow(2, n);
    }

    private static String ordinal(int k) {
        String[] small = {"", "first", "second", "third"};
        return k < small.length ? small[k] : k + "th";
    }

    static String describe(int rounds) {
        if (rounds < 2) {
            return "one round, no interval";
        }
        int k = 1;
        while (k + 1 <= rounds / 2 && coverage(rounds, k + 1) >= COVERAGE) {
            k++;
        }
        String which = k == 1 ? "lowest and highest round" : ordinal(k) + " lowest and highest rounds";
        return String.format("median [%s of %d, a %.0f%% interval for the median]", which, rounds,
                100 * coverage(rounds, k));
    }
}
