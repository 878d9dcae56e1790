package dev.poolkit.bench.compare;

import dev.poolkit.bench.load.LoadResult;

/**
 * One fixed-rate run of a target's latency series: {@code fraction} of the closed-loop maximum
 * that target reached in the same server process, latency from each message's intended send
 * time (no coordinated omission).
 *
 * @param offeredPerSecond the rate asked for; {@code load.messagesPerSecond()} is what came back
 * @param hgrm             the run's HdrHistogram percentile file, relative to the report directory
 */
public record RatePoint(String target, int round, double fraction, double offeredPerSecond, LoadResult load,
                        String hgrm) {
}
