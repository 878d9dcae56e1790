package dev.poolkit.bench.compare;

import java.util.List;

/**
 * What one closed-loop echo run cost, per message and in memory. CPU figures span the load
 * (warmup and drain included), divided by every message echoed in that time; pauses span the
 * server's whole life (its fixed-rate series included); RSS is the server's just before it stopped.
 *
 * @param serverCpuUsPerMessage the server process's CPU time (user + system) per message
 * @param clientCpuUsPerMessage the load generator's (this JVM's) CPU time per message
 * @param clientCoreShare       the load generator's CPU time over the load's wall time and its
 *                              threads: near 1, the client saturated its core(s) and limited the
 *                              closed-loop figure as much as the server did
 * @param gcPauses              collector safepoint pauses
 * @param gcPauseMaxMs          the longest
 * @param gcPauseP99Ms          the 99th percentile (nearest rank)
 * @param serverRssMiB          resident memory of the server process
 * @param slabMiB               memory the buffers reserve up front: the pool's slab (pool size x block
 *                              size), the loops' buffers for loop-buffer, 0 for none and netty
 */
public record EchoCosts(double serverCpuUsPerMessage, double clientCpuUsPerMessage, double clientCoreShare,
                        int gcPauses, double gcPauseMaxMs, double gcPauseP99Ms, double serverRssMiB, double slabMiB) {

    /** Whether the client used (nearly) all of its cores: then it, not the server, may set the pace. */
    public boolean clientSaturated() {
        return clientCoreShare >= 0.9;
    }

    static double[] maxAndP99Ms(List<Long> pausesNanos) {
        if (pausesNanos.isEmpty()) {
            return new double[]{0, 0};
        }
        long[] sorted = pausesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(0.99 * sorted.length) - 1;
        return new double[]{sorted[sorted.length - 1] / 1e6, sorted[Math.max(0, rank)] / 1e6};
    }
}
