package dev.poolkit.bench.compare;

import dev.poolkit.bench.Environment;

import java.util.List;

/**
 * Everything a compare run measured, as written to results.json; the report, the README table
 * and the charts are all generated from this, never typed by hand.
 *
 * @param command     the command line that produced it
 * @param commit      the source revision measured ({@code git describe}), when known
 * @param echoLoad    the echo load in words
 * @param scheduleSeed the seed of every run order ({@link Schedule}); {@code --seed} repeats them
 * @param rows        every JMH row and how it was configured
 * @param loadBefore  the machine's 1-minute load average when the run started, and
 * @param loadAfter   when it ended: other work on the machine shows here first
 */
public record CompareResults(Environment environment, String command, String commit, CompareSettings settings,
                             long scheduleSeed, List<String> backends, List<RowConfiguration> rows, String echoLoad,
                             List<JmhRow> jmh, List<EchoRun> echoRuns, List<EchoSummary> echo,
                             List<TargetResult> targets, double elapsedSeconds, double loadBefore, double loadAfter,
                             String jvm, List<RatePoint> latencyVsRate, List<EchoRun> twoLoopRuns,
                             List<EchoSummary> twoLoopEcho) {

    /** Results without a fixed-rate series, on the bench's own JVM. */
    public CompareResults(Environment environment, String command, String commit, CompareSettings settings,
                          long scheduleSeed, List<String> backends, List<RowConfiguration> rows, String echoLoad,
                          List<JmhRow> jmh, List<EchoRun> echoRuns, List<EchoSummary> echo,
                          List<TargetResult> targets, double elapsedSeconds, double loadBefore, double loadAfter) {
        this(environment, command, commit, settings, scheduleSeed, backends, rows, echoLoad, jmh, echoRuns, echo,
                targets, elapsedSeconds, loadBefore, loadAfter, "", List.of(), List.of(), List.of());
    }

    /** Empty when the two-loop scenario did not run (or in a results.json from before it existed). */
    public List<EchoSummary> twoLoopEcho() {
        return twoLoopEcho == null ? List.of() : twoLoopEcho;
    }

    public List<EchoRun> twoLoopRuns() {
        return twoLoopRuns == null ? List.of() : twoLoopRuns;
    }

    /** A results.json written before the series existed has none: read as empty. */
    public List<RatePoint> latencyVsRate() {
        return latencyVsRate == null ? List.of() : latencyVsRate;
    }

    /** A row of the JMH tables and how it is set up; {@code shape} is {@code buffers} or {@code objects}. */
    public record RowConfiguration(String name, String shape, String configuration) {
    }

    /**
     * Whether something else ran beside the benchmark: a load above half the cores before it
     * started, or above the cores plus a half at the end (the run itself keeps every core busy,
     * client and server, so it ends near the core count on its own).
     */
    public boolean machineBusy() {
        int cpus = environment.cpus();
        return loadBefore > cpus / 2.0 || loadAfter > cpus + 0.5;
    }
}
