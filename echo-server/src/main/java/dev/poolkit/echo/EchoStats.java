package dev.poolkit.echo;

import dev.poolkit.api.PoolStats;

import java.util.Locale;

/**
 * A snapshot of an {@link EchoServer}'s figures. Each counter is exact, but they are read one
 * after the other while the server runs, so they are not all of one instant.
 *
 * <p>A <b>message</b> is one read from a connection that has been written back in full: its size
 * is whatever the kernel delivered to that read (1 byte to the block size), not anything the
 * client framed. So {@code bytesEchoed / messagesEchoed} is the mean read size. Each message
 * takes one buffer from the pool and gives it back; a read that finds nothing (the check after a
 * read that filled its buffer, or a spurious wake-up) does too, so {@code poolAcquires} is a little
 * higher than {@code messagesEchoed}.
 *
 * @param pool                    {@code --pool}: the backend's name, or {@code none}
 * @param exhaustion              {@code --exhaustion}: {@code wait} or {@code unpooled}
 * @param threads                 event loops
 * @param blockSize               bytes per buffer
 * @param poolSize                blocks in the pool (0 for {@code none})
 * @param uptimeMillis            since the server started
 * @param connectionsOpen         open right now
 * @param connectionsTotal        accepted since start (refused ones not included)
 * @param connectionsRefused      closed at once because {@code --max-connections} were open
 * @param connectionsClosedByPeer ended by the client's FIN (then ours, after the echo)
 * @param connectionsReset        ended by a reset or another I/O error
 * @param connectionsTimedOut     closed after {@code --idle-timeout} without traffic
 * @param connectionsWriteBlocked open right now with an echo the peer is not taking: back-pressure,
 *                                nothing more is read from them (each holds one buffer)
 * @param connectionsWaiting      open right now waiting for a free buffer (they hold none)
 * @param bytesEchoed             bytes written back
 * @param messagesEchoed          reads written back in full (see above)
 * @param bufferWaits             times a connection found no free buffer and waited for one
 * @param buffers                 the buffer pool's own counters (for {@code none}: every buffer
 *                                is an acquire and a miss, and is dropped on release)
 * @param loopAllocatedBytes      heap bytes allocated by the event-loop threads since they started
 *                                ({@code com.sun.management.ThreadMXBean}), -1 if the JVM cannot tell
 */
public record EchoStats(String pool, String exhaustion, int threads, int blockSize, int poolSize,
                        long uptimeMillis, long connectionsOpen, long connectionsTotal, long connectionsRefused,
                        long connectionsClosedByPeer, long connectionsReset, long connectionsTimedOut,
                        long connectionsWriteBlocked, long connectionsWaiting,
                        long bytesEchoed, long messagesEchoed, long bufferWaits, PoolStats buffers,
                        long loopAllocatedBytes) {

    /**
     * Heap bytes the event loops allocated per message: what pooling saves. About the buffer size
     * for {@code none}; for a pooled backend it should be near zero once the JIT has warmed up
     * (connection setup counts too, spread over the messages). NaN if unknown or no message yet.
     */
    public double allocatedBytesPerMessage() {
        return messagesEchoed == 0 || loopAllocatedBytes < 0 ? Double.NaN
                : (double) loopAllocatedBytes / messagesEchoed;
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
                .field("connectionsClosedByPeer", connectionsClosedByPeer)
                .field("connectionsReset", connectionsReset).field("connectionsTimedOut", connectionsTimedOut)
                .field("connectionsWriteBlocked", connectionsWriteBlocked)
                .field("connectionsWaiting", connectionsWaiting)
                .field("bytesEchoed", bytesEchoed).field("messagesEchoed", messagesEchoed)
                .field("bufferWaits", bufferWaits)
                .field("poolAcquires", buffers.acquires()).field("poolReleases", buffers.releases())
                .field("poolMisses", buffers.misses()).field("poolExhaustions", buffers.exhaustions())
                .field("poolInUse", buffers.inUse()).field("poolHighWater", buffers.highWater())
                .field("loopAllocatedBytes", loopAllocatedBytes)
                .field("allocatedBytesPerMessage", round2(allocatedBytesPerMessage()));
    }

    /** One human-readable line, for the periodic report. */
    public String toLine() {
        double perMessage = allocatedBytesPerMessage();
        return String.format(Locale.ROOT, "connections open=%d total=%d refused=%d writeBlocked=%d waiting=%d | echoed %d messages, %d bytes"
                        + " | buffers %s inUse=%d highWater=%d misses=%d exhaustions=%d waits=%d"
                        + " | loop alloc %s B/message",
                connectionsOpen, connectionsTotal, connectionsRefused, connectionsWriteBlocked, connectionsWaiting,
                messagesEchoed, bytesEchoed, pool,
                buffers.inUse(), buffers.highWater(), buffers.misses(), buffers.exhaustions(), bufferWaits,
                Double.isFinite(perMessage) ? String.format(Locale.ROOT, "%.2f", perMessage) : "n/a");
    }

    private static double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
