package dev.poolkit.bench.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one load run measured, in plain numbers (this is what results.json stores).
 *
 * @param load          the load, in words ({@link LoadSpec#describe()})
 * @param seconds       length of the measurement window
 * @param messages      messages due in the window and echoed whole and intact
 * @param bytes         their payload bytes (one direction)
 * @param totalMessages every message echoed whole, warmup and drain included: divide the server's
 *                      own counters (allocation, GC) by this
 * @param latency       from when each message was due (fixed rate, CO-corrected) or sent (closed loop)
 * @param uncorrected   fixed rate only: from the actual send, to show what the correction changes
 * @param sendLagP99Us  how late the client itself sent (p99), from when it could have sent (the message
 *                      due and the connection idle); large values mean the client, not the server,
 *                      limited the schedule
 * @param errors        failures by {@link ErrorKind}; each closed its connection
 * @param hostile       what the slow readers and non-readers beside the measured connections did,
 *                      or null if there were none; every other figure is the measured connections'
 */
public record LoadResult(String load, double seconds, long messages, long bytes, long totalMessages,
                         LatencySummary latency, LatencySummary uncorrected, double sendLagP99Us,
                         Map<String, Long> errors, String firstError, HostileSummary hostile) {

    /** A result without hostile clients. */
    public LoadResult(String load, double seconds, long messages, long bytes, long totalMessages,
                      LatencySummary latency, LatencySummary uncorrected, double sendLagP99Us,
                      Map<String, Long> errors, String firstError) {
        this(load, seconds, messages, bytes, totalMessages, latency, uncorrected, sendLagP99Us, errors, firstError,
                null);
    }

    static LoadResult of(LoadSpec spec, Recorder r, HostileSummary hostile) {
        Map<String, Long> errors = new TreeMap<>();
        r.errors.forEach((k, v) -> errors.put(k.name(), v));
        double seconds = spec.duration().toNanos() / 1e9;
        return new LoadResult(spec.describe(), seconds, r.messages, r.bytes, r.totalMessages,
                LatencySummary.of(r.latency),
                spec.mode() == LoadMode.FIXED_RATE ? LatencySummary.of(r.uncorrected) : null,
                r.sendLag.getValueAtPercentile(99) / 1000.0, errors, r.firstError, hostile);
    }

    public double messagesPerSecond() {
        return messages / seconds;
    }

    /** Payload megabytes (10^6) echoed per second, one direction. */
    public double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few lines for a terminal. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("load:       %s%n", load));
        sb.append(String.format("throughput: %,.0f msg/s, %,.1f MB/s (%,d messages in %.1f s)%n", messagesPerSecond(),
                megabytesPerSecond(), messages, seconds));
        sb.append(String.format("latency:    p50 %s  p99 %s  p99.9 %s  max %s%s%n", us(latency.p50Us()),
                us(latency.p99Us()), us(latency.p999Us()), us(latency.maxUs()),
                uncorrected == null ? "" : "  (from when due; from actual send: p99 " + us(uncorrected.p99Us()) + ")"));
        if (uncorrected != null) {
            sb.append(String.format("send lag:   p99 %s (the client's own pacing error, not the server's)%n", us(sendLagP99Us)));
        }
        sb.append(String.format("errors:     %d%s%n", errorCount(),
                errors.isEmpty() ? "" : " " + errors + ", first: " + firstError));
        if (hostile != null) {
            sb.append(String.format("hostile:    %d slow readers and %d non-readers connected throughout; they got the"
                            + " server to take %,.1f MB and read %,.1f MB back; the server closed %d of them"
                            + " (throughput and latency above are the measured connections')%n", hostile.slowReaders(),
                    hostile.nonReaders(), hostile.bytesSent() / 1e6, hostile.bytesRead() / 1e6,
                    hostile.closedByServer()));
        }
        return sb.toString();
    }

    private static String us(double micros) {
        return micros >= 10_000 ? String.format("%.1f ms", micros / 1000) : String.format("%.0f us", micros);
    }
}
