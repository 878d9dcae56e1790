package dev.poolkit.echo;

import dev.poolkit.api.PoolStats;

import java.util.Locale;

/**
 * A snapshot of an {@link EchoServer}'s figures. Each counter is exact, but they are read one
 * after the other while the server runs, so they are not all of one instant.
 *
 * <p>A <b>message</b> is one read from a connection that has been written back in full: its size
 * is whatever the kernel delivered to that read (1 byte to the block size), not anything the
 * client framed. So {@code bytesEchoed / messagesEchoed} is the mean read size. Each readiness
 * event takes one buffer from the pool for all its reads and gives it back; an event whose read
 * finds nothing (a spurious wake-up, a drain's check) does too, so {@code poolAcquires} can be a
 * little higher than the number of events that echoed something.
 *
 * @param pool                           {@code --pool}: the backend's name, or {@code none}
 * @param exhaustion                     {@code --exhaustion}: {@code wait} or {@code unpooled}
 * @param threads                        event loops
 * @param blockSize                      bytes per buffer
 * @param poolSize                       blocks in the pool (0 for {@code none})
 * @param uptimeMillis                   since the server started
 * @param connectionsOpen                open right now
 * @param connectionsTotal               accepted since start (refused ones not included)
 * @param connectionsRefused             closed at once because {@code --max-connections} were open
 * @param connectionsRefusedNoDescriptor closed at once on the reserve descriptor because accept()
 *                                       failed, almost always for want of a file descriptor
 * @param acceptFailures                 accept() calls that failed
 * @param loopFailures                   event loops that died of an unexpected error (each was
 *                                       replaced, or the server stopped)
 * @param loops                          the event loops' counters, summed
 * @param buffers                        the buffer pool's own counters, plus any heap buffers read
 *                                       into while it was empty (for {@code none}: every buffer is
 *                                       an acquire and a miss, and is dropped on release)
 */
public record EchoStats(String pool, String exhaustion, int threads, int blockSize, int poolSize,
                        long uptimeMillis, long connectionsOpen, long connectionsTotal, long connectionsRefused,
                        long connectionsRefusedNoDescriptor, long acceptFailures, long loopFailures,
                        LoopTotals loops, PoolStats buffers) {

    public long connectionsClosedByPeer() {
        return loops.closedByPeer();
    }

    public long connectionsReset() {
        return loops.resets();
    }

    public long connectionsTimedOut() {
        return loops.timedOut();
    }

    /** Open right now with an echo the peer is not taking: back-pressure, nothing more is read from them. */
    public long connectionsWriteBlocked() {
        return loops.writeBlocked();
    }

    /** Open right now waiting for a free buffer (they hold none). */
    public long connectionsWaiting() {
        return loops.waiting();
    }

    public long bytesEchoed() {
        return loops.bytesEchoed();
    }

    public long messagesEchoed() {
        return loops.messagesEchoed();
    }

    public long bufferWaits() {
        return loops.bufferWaits();
    }

    /** Heap bytes allocated by the event-loop threads since they started, -1 if the JVM cannot tell. */
    public long loopAllocatedBytes() {
        return loops.allocatedBytes();
    }

    /**
     * Heap bytes the event loops allocated per message: what pooling saves. About the buffer size
     * for {@code none}; for a pooled backend it should be near zero once the JIT has warmed up
     * (connection setup and spilled tails count too, spread over the messages). NaN if unknown or
     * no message yet.
     */
    public double allocatedBytesPerMessage() {
        return messagesEchoed() == 0 || loopAllocatedBytes() < 0 ? Double.NaN
                : (double) loopAllocatedBytes() / messagesEchoed();
    }

    /** The figures as one JSON object; the field names are documented in the README. */
    public String toJson() {
        return fields(new Json()).toString();
    }

    Json fields(Json j) {
        return j.field("pool", pool).field("exhaustion", exhaustion).field("threads", threads)
                .field("blockSize", blockSize).field("poolSize", poolSize).field("uptimeMs", uptimeMillis)
                .field("connectionsOpen", connectionsOpen).field("connectionsTotal", connectionsTotal)
                .field("connectionsRefused", connectionsRefused)
                .field("connectionsRefusedNoDescriptor", connectionsRefusedNoDescriptor)
                .field("connectionsClosedByPeer", loops.closedByPeer())
                .field("connectionsReset", loops.resets()).field("connectionsTimedOut", loops.timedOut())
                .field("connectionsWriteTimedOut", loops.writeTimedOut())
                .field("connectionsDrained", loops.drained()).field("connectionsCut", loops.cut())
                .field("connectionsAborted", loops.aborted())
                .field("connectionsWriteBlocked", loops.writeBlocked())
                .field("connectionsSpilled", loops.spilled())
                .field("connectionsWaiting", loops.waiting())
                .field("bytesEchoed", loops.bytesEchoed()).field("messagesEchoed", loops.messagesEchoed())
                .field("bufferWaits", loops.bufferWaits())
                .field("spills", loops.spills()).field("spilledBytes", loops.spilledBytes())
                .field("poolAcquires", buffers.acquires()).field("poolReleases", buffers.releases())
                .field("poolMisses", buffers.misses()).field("poolExhaustions", buffers.exhaustions())
                .field("poolInUse", buffers.inUse()).field("poolHighWater", buffers.highWater())
                .field("loopAllocatedBytes", loops.allocatedBytes())
                .field("allocatedBytesPerMessage", round2(allocatedBytesPerMessage()))
                .field("acceptFailures", acceptFailures).field("connectionErrors", loops.errors())
                .field("loopFailures", loopFailures);
    }

    /** One human-readable line, for the periodic report. */
    public String toLine() {
        double perMessage = allocatedBytesPerMessage();
        return String.format(Locale.ROOT, "connections open=%d total=%d refused=%d writeBlocked=%d spilled=%d"
                        + " waiting=%d | echoed %d messages, %d bytes"
                        + " | buffers %s inUse=%d highWater=%d misses=%d exhaustions=%d waits=%d spills=%d"
                        + " | loop alloc %s B/message | errors accept=%d connection=%d loop=%d",
                connectionsOpen, connectionsTotal, connectionsRefused + connectionsRefusedNoDescriptor,
                loops.writeBlocked(), loops.spilled(), loops.waiting(), loops.messagesEchoed(), loops.bytesEchoed(),
                pool, buffers.inUse(), buffers.highWater(), buffers.misses(), buffers.exhaustions(),
                loops.bufferWaits(), loops.spills(),
                Double.isFinite(perMessage) ? String.format(Locale.ROOT, "%.2f", perMessage) : "n/a",
                acceptFailures, loops.errors(), loopFailures);
    }

    private static double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
