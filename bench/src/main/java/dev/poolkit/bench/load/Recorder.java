package dev.poolkit.bench.load;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * One client thread's measurements: latencies in nanoseconds and counts, for the messages whose
 * start falls in the measurement window. Confined to its thread; merged when the run ends.
 *
 * <p>Coordinated omission: in fixed-rate mode a message's latency runs from when it was
 * <em>due</em> ({@code intended}), so a server stall that holds back later sends is charged to
 * every message it delayed, as HdrHistogram's documentation asks. The uncorrected figure (from
 * the actual send) is kept beside it to show how much the correction matters.
 */
final class Recorder {
    final Histogram latency = new Histogram(3);
    final Histogram uncorrected = new Histogram(3);
    /**
     * How late the client itself sent, counted from when it could have (due, and the previous
     * message back): its own pacing error, reported, not hidden. Server-caused delay is not in it.
     */
    final Histogram sendLag = new Histogram(3);
    final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    long messages;
    long bytes;
    /** Every message echoed in full, warmup and drain included: the denominator of server-side per-message figures. */
    long totalMessages;
    String firstError;

    private final long windowStart;
    private final long windowEnd;

    Recorder(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /**
     * A message of {@code size} bytes came back whole at {@code done}.
     *
     * @param intended when it was due (the actual send in closed-loop mode)
     * @param ready    when the client could first have sent it (due, and the previous message back)
     * @param sent     when its first byte was written
     */
    void echoed(long intended, long ready, long sent, long done, int size) {
        totalMessages++;
        if (intended < windowStart || intended >= windowEnd) {
            return;
        }
        messages++;
        bytes += size;
        latency.recordValue(Math.max(0, done - intended));
        uncorrected.recordValue(Math.max(0, done - sent));
        sendLag.recordValue(Math.max(0, sent - ready));
    }

    void error(ErrorKind kind, String message) {
        errors.merge(kind, 1L, Long::sum);
        if (firstError == null) {
            firstError = kind + ": " + message;
        }
    }

    void addTo(Recorder total) {
        total.latency.add(latency);
        total.uncorrected.add(uncorrected);
        total.sendLag.add(sendLag);
        errors.forEach((k, v) -> total.errors.merge(k, v, Long::sum));
        total.messages += messages;
        total.bytes += bytes;
        total.totalMessages += totalMessages;
        if (total.firstError == null) {
            total.firstError = firstError;
        }
    }
}
