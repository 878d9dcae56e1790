package dev.poolkit.bench.load;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds, as reports and results.json carry it.
 *
 * @param percentiles the percentiles of {@code micros}, for charts
 */
public record LatencySummary(long count, double meanUs, double p50Us, double p90Us, double p99Us, double p999Us,
                             double maxUs, double[] percentiles, double[] micros) {
    private static final double[] CURVE = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

    public static LatencySummary of(Histogram nanos) {
        double[] micros = new double[CURVE.length];
        for (int i = 0; i < CURVE.length; i++) {
            micros[i] = us(nanos.getValueAtPercentile(CURVE[i]));
        }
        return new LatencySummary(nanos.getTotalCount(), nanos.getTotalCount() == 0 ? 0 : nanos.getMean() / 1000.0,
                us(nanos.getValueAtPercentile(50)), us(nanos.getValueAtPercentile(90)),
                us(nanos.getValueAtPercentile(99)), us(nanos.getValueAtPercentile(99.9)), us(nanos.getMaxValue()),
                CURVE.clone(), micros);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
