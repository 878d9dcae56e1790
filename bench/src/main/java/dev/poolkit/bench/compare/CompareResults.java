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
 */
public record CompareResults(Environment environment, String command, String commit, CompareSettings settings,
                             List<String> backends, String echoLoad, List<JmhRow> jmh, List<EchoRun> echoRuns,
                             List<EchoSummary> echo, List<TargetResult> targets, double elapsedSeconds) {
}
