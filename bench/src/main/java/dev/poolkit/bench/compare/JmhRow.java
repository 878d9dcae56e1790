package dev.poolkit.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * One subject in one JMH case, over all passes: the iteration scores and what they add up to.
 *
 * @param median    median of the iteration scores (ns per operation)
 * @param error     half-width of the 99.9% confidence interval of the mean (JMH's "Error")
 * @param allocPerOp bytes allocated per operation ({@code gc.alloc.rate.norm}); NaN if unknown
 * @param failure   why there is no score, or null
 */
public record JmhRow(String caseLabel, String benchmark, String method, Map<String, String> params, int threads,
                     String subject, double median, double mean, double error, String unit, double allocPerOp,
                     List<Double> scores, String failure) {

    public boolean ok() {
        return failure == null && !scores.isEmpty();
    }
}
