package dev.poolkit.bench.sweep;

import java.util.List;

/**
 * What a sweep advises, and why.
 *
 * @param scope   a backend's name, or "any backend"
 * @param choice  the recommended cell, or null if no cell was usable
 * @param best    the cell with the highest throughput
 * @param reasons the reasoning, one sentence per line, in the order a reader needs it
 */
public record Recommendation(String scope, SweepPoint choice, SweepPoint best, List<String> reasons) {
}
