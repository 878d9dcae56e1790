package dev.poolkit.bench.compare;

/**
 * One target, judged on one run's numbers.
 *
 * @param measured the numbers with their intervals, in words
 * @param note     why it could not be measured or decided, or empty
 */
public record TargetResult(String target, String requirement, String measured, Verdict verdict, String note) {

    /**
     * MET or MISSED only when the whole interval lies on one side of the requirement; INCONCLUSIVE
     * when it straddles it (or there is no interval); NOT_MEASURED when a row is missing or failed.
     */
    public enum Verdict {
        MET, MISSED, INCONCLUSIVE, NOT_MEASURED
    }
}
