package dev.poolkit.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * One subject in one JMH case, over all its forks: the raw iteration samples and what they add up
 * to. Everything the report says about the row is derived from the samples kept here.
 *
 * @param params     every JMH parameter of the trial but the subject (block size, capacity, ...)
 * @param opsPerUnit JMH operations per reported unit ({@link CompareSettings.JmhCase#opsPerUnit()})
 * @param scores     iteration scores (ns per operation), one list per fork
 * @param allocs     bytes allocated per unit ({@code gc.alloc.rate.norm} x opsPerUnit), per
 *                   iteration, one list per fork
 * @param time       the mean score with its interval ({@link Bootstrap})
 * @param alloc      the mean bytes per unit with its interval
 * @param jvmArgs    the JVM arguments JMH gave the forks (empty when run in the compare JVM)
 * @param jvm        the forks' JDK and VM, as JMH reports them
 * @param failure    why there is no score, or null
 */
public record JmhRow(String caseLabel, String benchmark, String method, Map<String, String> params, int threads,
                     String subject, String unit, int opsPerUnit, List<List<Double>> scores,
                     List<List<Double>> allocs, Estimate time, Estimate alloc, List<String> jvmArgs, String jvm,
                     String failure) {

    /** A row whose estimates are computed from its samples. */
    static JmhRow of(String caseLabel, String benchmark, String method, Map<String, String> params, int threads,
                     String subject, String unit, int opsPerUnit, List<List<Double>> scores,
                     List<List<Double>> allocs, List<String> jvmArgs, String jvm, String failure) {
        return new JmhRow(caseLabel, benchmark, method, params, threads, subject, unit, opsPerUnit, scores, allocs,
                Bootstrap.mean(scores), Bootstrap.mean(allocs), jvmArgs, jvm, failure);
    }

    public boolean ok() {
        return failure == null && time.measured();
    }

    /** Iterations measured over all forks. */
    public int iterations() {
        return scores.stream().mapToInt(List::size).sum();
    }
}
