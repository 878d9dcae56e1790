package dev.poolkit.bench.sweep;

import dev.poolkit.bench.Environment;

import java.util.List;

/** A sweep as written to sweep.json; SWEEP.md and the chart are generated from it. */
public record SweepResults(Environment environment, String command, String load, int serverThreads,
                           List<String> serverJvmArgs, double withinPercent, List<SweepPoint> points,
                           List<Recommendation> recommendations) {
}
