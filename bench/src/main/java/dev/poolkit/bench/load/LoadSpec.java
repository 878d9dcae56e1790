package dev.poolkit.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one load run does, validated on construction with messages that name the bad value.
 *
 * @param connections the measured connections (the "normal" clients)
 * @param rate        total messages per second over all connections; only for {@link LoadMode#FIXED_RATE}
 * @param slowReaders extra connections that write all the time and read a trickle ({@link HostileClients}),
 *                    connected through the whole run and not measured
 * @param nonReaders  extra connections that write and never read, connected through the whole run and not measured
 */
public record LoadSpec(String host, int port, int connections, SizeDistribution sizes, LoadMode mode, double rate,
                       Duration warmup, Duration duration, int threads, Duration timeout, long seed,
                       int slowReaders, int nonReaders) {

    public LoadSpec {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(mode, "mode");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1, got " + connections);
        }
        if (threads < 1 || threads > connections) {
            throw new IllegalArgumentException("client threads must be from 1 to the connection count ("
                    + connections + "), got " + threads);
        }
        if (mode == LoadMode.FIXED_RATE && !(rate > 0)) {
            throw new IllegalArgumentException("fixed-rate mode needs a rate > 0 messages/s, got " + rate);
        }
        if (mode == LoadMode.CLOSED_LOOP && rate != 0) {
            throw new IllegalArgumentException("a rate (" + rate + "/s) only applies in fixed-rate mode");
        }
        requireNonNegative("warmup", warmup);
        requireNonNegative("duration", duration);
        requireNonNegative("timeout", timeout);
        if (duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0");
        }
        if (timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0");
        }
        if (slowReaders < 0 || nonReaders < 0) {
            throw new IllegalArgumentException("slow readers (--slow-readers) and non-readers (--non-readers) must be"
                    + " >= 0 connections, got " + slowReaders + " and " + nonReaders);
        }
    }

    /** A load with normal clients only. */
    public LoadSpec(String host, int port, int connections, SizeDistribution sizes, LoadMode mode, double rate,
                    Duration warmup, Duration duration, int threads, Duration timeout, long seed) {
        this(host, port, connections, sizes, mode, rate, warmup, duration, threads, timeout, seed, 0, 0);
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + d);
        }
    }

    /** Closed-loop load on localhost, with defaults for everything but the port. */
    public static LoadSpec closedLoop(int port, int connections, SizeDistribution sizes, Duration warmup,
                                      Duration duration) {
        return new LoadSpec("127.0.0.1", port, connections, sizes, LoadMode.CLOSED_LOOP, 0, warmup, duration, 1,
                Duration.ofSeconds(10), 42);
    }

    /** The same load at a fixed rate of {@code messagesPerSecond} over all connections. */
    public LoadSpec atFixedRate(double messagesPerSecond, Duration newWarmup, Duration newDuration) {
        return new LoadSpec(host, port, connections, sizes, LoadMode.FIXED_RATE, messagesPerSecond, newWarmup,
                newDuration, threads, timeout, seed, slowReaders, nonReaders);
    }

    public LoadSpec withPort(int newPort) {
        return new LoadSpec(host, newPort, connections, sizes, mode, rate, warmup, duration, threads, timeout, seed,
                slowReaders, nonReaders);
    }

    /** The same load with these hostile clients beside the measured ones. */
    public LoadSpec withHostile(int newSlowReaders, int newNonReaders) {
        return new LoadSpec(host, port, connections, sizes, mode, rate, warmup, duration, threads, timeout, seed,
                newSlowReaders, newNonReaders);
    }

    public boolean hostile() {
        return slowReaders + nonReaders > 0;
    }

    /** One line for a report: what was sent, how and for how long. */
    public String describe() {
        return connections + " connections, " + sizes + " B messages, "
                + (mode == LoadMode.CLOSED_LOOP ? "closed loop" : String.format("fixed rate %.0f msg/s", rate))
                + ", warmup " + warmup.toMillis() / 1000.0 + " s, measure " + duration.toMillis() / 1000.0 + " s, "
                + threads + " client thread" + (threads == 1 ? "" : "s")
                + (hostile() ? ", beside " + slowReaders + " slow reader" + (slowReaders == 1 ? "" : "s") + " and "
                + nonReaders + " non-reader" + (nonReaders == 1 ? "" : "s") + " (not measured)" : "");
    }
}
