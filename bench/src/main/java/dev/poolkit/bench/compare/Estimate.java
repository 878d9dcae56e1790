package dev.poolkit.bench.compare;

/**
 * A measured quantity: its mean over the samples and a {@link Bootstrap#CONFIDENCE} bootstrap
 * percentile interval around it ({@code low} and {@code high} are NaN when there is no interval:
 * fewer than two samples). The one statistic of every report: cells, ratios, B/op and echo rounds.
 *
 * @param n how many samples (iterations, or rounds) it rests on
 */
public record Estimate(double value, double low, double high, int n) {

    static Estimate unknown() {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public boolean measured() {
        return !Double.isNaN(value);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** How far the interval reaches from the value on its wider side; NaN without an interval. */
    public double error() {
        return hasInterval() ? Math.max(high - value, value - low) : Double.NaN;
    }

    /** The interval reaches further from the value than the value itself: the number says little. */
    public boolean noisy() {
        return hasInterval() && error() > Math.abs(value);
    }

    /** {@code 24.4 [23.9-25.1]}, {@code 625 [310-18,000] (!)} when noisy, {@code 24.4 [?]} without an interval. */
    public String format() {
        return formatUnmarked() + (noisy() ? " (!)" : "");
    }

    /**
     * Without the noise mark: for quantities judged against a threshold rather than read as a
     * value, such as bytes per operation near zero, where a tiny mean always has a relatively wide
     * interval.
     */
    public String formatUnmarked() {
        if (!measured()) {
            return "?";
        }
        String interval = hasInterval() ? Numbers.num(low) + "-" + Numbers.num(high) : "?";
        return Numbers.num(value) + " [" + interval + "]";
    }

    /** A ratio: {@code 1.23x [1.10-1.40]}. */
    public String formatRatio() {
        if (!measured()) {
            return "?";
        }
        String interval = hasInterval() ? String.format("%.2f-%.2f", low, high) : "?";
        return String.format("%.2fx [%s]", value, interval) + (noisy() ? " (!)" : "");
    }

    /**
     * The verdict on "this is at most {@code limit}": MET iff the whole interval lies at or below
     * it, MISSED iff the whole interval lies above it, INCONCLUSIVE otherwise (no interval included).
     */
    public TargetResult.Verdict atMost(double limit) {
        if (!measured()) {
            return TargetResult.Verdict.NOT_MEASURED;
        }
        if (hasInterval() && high <= limit) {
            return TargetResult.Verdict.MET;
        }
        if (hasInterval() && low > limit) {
            return TargetResult.Verdict.MISSED;
        }
        return TargetResult.Verdict.INCONCLUSIVE;
    }

    /** The verdict on "this is at least {@code limit}", by the same rule. */
    public TargetResult.Verdict atLeast(double limit) {
        if (!measured()) {
            return TargetResult.Verdict.NOT_MEASURED;
        }
        if (hasInterval() && low >= limit) {
            return TargetResult.Verdict.MET;
        }
        if (hasInterval() && high < limit) {
            return TargetResult.Verdict.MISSED;
        }
        return TargetResult.Verdict.INCONCLUSIVE;
    }
}
