package dev.poolkit.bench.sweep;

import dev.poolkit.bench.Environment;

import java.util.List;

/**
 * A sweep as written to sweep.json; SWEEP.md and the chart are generated from it.
 *
 * @param scheduleSeed the seed of the cells' random order in every round ({@code --seed} repeats it)
 */
public record SweepResults(Environment environment, String command, String load, int serverThreads,
                           List<String> serverJvmArgs, double withinPercent, long scheduleSeed,
                           List<SweepPoint> points, List<Recommendation> recommendations) {
}
