package dev.poolkit.bench.compare;

import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.server.ServerStats;

/**
 * One load run against one fresh server.
 *
 * @param position where in its round this run came (0 = first)
 * @param exitCode the server's exit code after SIGTERM (non-zero from ours means a leak)
 * @param failure  why the run has no figures, or null
 * @param costs    CPU, pauses and memory of the run, or null where not measured
 */
public record EchoRun(String target, int round, int position, LoadResult load, ServerStats server, Integer exitCode,
                      String failure, EchoCosts costs) {

    public EchoRun(String target, int round, int position, LoadResult load, ServerStats server, Integer exitCode,
                   String failure) {
        this(target, round, position, load, server, exitCode, failure, null);
    }

    /** Bytes the server's event loops allocated per echoed message, warmup included on both sides. */
    public double bytesPerMessage() {
        if (server == null || load == null || load.totalMessages() == 0) {
            return Double.NaN;
        }
        return (double) server.loopAllocatedBytes() / load.totalMessages();
    }
}
