package dev.poolkit.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Intervals for means and for ratios of means, by a percentile bootstrap that respects how the
 * samples were taken: a JMH row's iterations come in forks (separate JVMs, whose JIT decisions
 * and memory layout differ), so each resample first draws forks with replacement, then
 * iterations with replacement within each drawn fork. Fork-to-fork variance is therefore in the
 * interval, which the Student-t interval over pooled iterations leaves out. With one group (one
 * fork, or an echo target's rounds) it is the ordinary bootstrap.
 */
final class Bootstrap {
    /** Confidence of every interval in the reports. */
    static final double CONFIDENCE = 0.99;
    /** Resamples per interval: enough that the 0.5% tails rest on 50 resamples each. */
    static final int RESAMPLES = 10_000;
    /** Fixed, so a report regenerated from results.json is the same report. */
    private static final long SEED = 0x5EED_B007L;

    private Bootstrap() {
    }

    /** The mean of all samples, with its interval; NaN bounds with fewer than two samples. */
    static Estimate mean(List<List<Double>> groups) {
        double[][] g = clean(groups);
        int n = count(g);
        if (n == 0) {
            return Estimate.unknown();
        }
        double value = pooledMean(g);
        if (n < 2) {
            return new Estimate(value, Double.NaN, Double.NaN, n);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] stats = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            stats[i] = resampledMean(g, random);
        }
        return withInterval(value, stats, n);
    }

    /** {@code mean(numerator) / mean(denominator)}, each side resampled on its own. */
    static Estimate ratio(List<List<Double>> numerator, List<List<Double>> denominator) {
        double[][] a = clean(numerator);
        double[][] b = clean(denominator);
        int na = count(a);
        int nb = count(b);
        if (na == 0 || nb == 0) {
            return Estimate.unknown();
        }
        double value = pooledMean(a) / pooledMean(b);
        if (na < 2 || nb < 2) {
            return new Estimate(value, Double.NaN, Double.NaN, Math.min(na, nb));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] stats = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            stats[i] = resampledMean(a, random) / resampledMean(b, random);
        }
        return withInterval(value, stats, Math.min(na, nb));
    }

    private static Estimate withInterval(double value, double[] stats, int n) {
        Arrays.sort(stats);
        double tail = (1 - CONFIDENCE) / 2;
        return new Estimate(value, quantile(stats, tail), quantile(stats, 1 - tail), n);
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static double resampledMean(double[][] groups, SplittableRandom random) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            double[] group = groups[random.nextInt(groups.length)];
            for (int j = 0; j < group.length; j++) {
                sum += group[random.nextInt(group.length)];
            }
            count += group.length;
        }
        return sum / count;
    }

    private static double pooledMean(double[][] groups) {
        double sum = 0;
        int count = 0;
        for (double[] group : groups) {
            for (double v : group) {
                sum += v;
            }
            count += group.length;
        }
        return sum / count;
    }

    /** Non-empty groups of finite numbers. */
    private static double[][] clean(List<List<Double>> groups) {
        List<double[]> out = new ArrayList<>();
        for (List<Double> group : groups) {
            double[] values = group.stream().filter(v -> v != null && Double.isFinite(v))
                    .mapToDouble(Double::doubleValue).toArray();
            if (values.length > 0) {
                out.add(values);
            }
        }
        return out.toArray(new double[0][]);
    }

    private static int count(double[][] groups) {
        int n = 0;
        for (double[] g : groups) {
            n += g.length;
        }
        return n;
    }
}
