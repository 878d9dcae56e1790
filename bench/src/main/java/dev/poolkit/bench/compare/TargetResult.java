package dev.poolkit.bench.compare;

/**
 * One target of the issue, judged on one run's numbers.
 *
 * @param measured the number with its error, in words, e.g. {@code 4.8 ns (mean 4.9 ± 0.2, n=5)}
 * @param note     why it could not be measured, or what the comparison was against
 */
public record TargetResult(String target, String requirement, String measured, Verdict verdict, String note) {

    public enum Verdict {
        MET, MISSED, NOT_MEASURED
    }
}
