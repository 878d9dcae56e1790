package dev.poolkit.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * An echo load generator: opens the connections, drives them from a few client threads (each
 * with one selector), verifies every echoed byte and measures latency with HdrHistogram. Works
 * against any RFC 862 echo server. With {@link LoadSpec#slowReaders()} or
 * {@link LoadSpec#nonReaders()}, hostile connections ({@link HostileClients}) load the server
 * beside the measured ones for the whole run.
 *
 * <pre>{@code
 * LoadResult r = LoadGenerator.run(LoadSpec.closedLoop(7007, 16, SizeDistribution.parse("4k"),
 *         Duration.ofSeconds(2), Duration.ofSeconds(10)));
 * }</pre>
 */
public final class LoadGenerator {
    /** Random payload beyond the largest message, so message offsets spread over a megabyte. */
    private static final int PATTERN_SLACK = 1 << 20;
    /** Time to open every connection and start the threads before the clock starts. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private LoadGenerator() {
    }

    public static LoadResult run(LoadSpec spec) throws InterruptedException {
        return run(spec, null);
    }

    /**
     * Runs {@code spec} and, if {@code hgrm} is not null, writes the latency distribution there in
     * HdrHistogram's own percentile format (microseconds), which HdrHistogram's plotter reads.
     */
    public static LoadResult run(LoadSpec spec, java.nio.file.Path hgrm) throws InterruptedException {
        byte[] pattern = new byte[spec.sizes().max() + PATTERN_SLACK];
        new SplittableRandom(spec.seed()).nextBytes(pattern);
        Recorder total = new Recorder(0, 0);
        // First, so that they are stalling the server by the time the measured connections start.
        Recorder hostileErrors = new Recorder(0, 0);
        HostileClients hostile = null;
        if (spec.hostile()) {
            try {
                hostile = HostileClients.connect(spec, pattern, hostileErrors);
                hostile.start();
            } catch (IOException e) {
                total.error(ErrorKind.IO, "hostile clients' selector: " + e);
            }
        }
        List<List<SocketChannel>> perThread = new ArrayList<>();
        for (int t = 0; t < spec.threads(); t++) {
            perThread.add(new ArrayList<>());
        }
        for (int i = 0; i < spec.connections(); i++) {
            try {
                perThread.get(i % spec.threads()).add(connect(spec));
            } catch (IOException e) {
                total.error(ErrorKind.CONNECT, "connecting to " + spec.host() + ":" + spec.port() + ": " + e);
            }
        }
        long start = System.nanoTime() + START_DELAY_NANOS;
        long windowStart = start + spec.warmup().toNanos();
        long windowEnd = windowStart + spec.duration().toNanos();
        // Each connection sends every `interval`; the phases spread the connections over one interval.
        double interval = spec.mode() == LoadMode.FIXED_RATE ? spec.connections() * 1e9 / spec.rate() : 0;
        SplittableRandom seeds = new SplittableRandom(spec.seed() + 1);
        List<Thread> threads = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        int index = 0;
        for (List<SocketChannel> channels : perThread) {
            Recorder recorder = new Recorder(windowStart, windowEnd);
            recorders.add(recorder);
            List<ClientConnection> connections = new ArrayList<>();
            Selector selector;
            try {
                selector = Selector.open();
                for (SocketChannel ch : channels) {
                    ClientConnection c = new ClientConnection(ch, ch.register(selector, SelectionKey.OP_READ),
                            spec.sizes(), seeds.split(), pattern);
                    c.phase = (long) (interval * index++ / spec.connections());
                    connections.add(c);
                }
            } catch (IOException e) {
                recorder.error(ErrorKind.IO, "selector: " + e);
                continue;
            }
            Thread thread = new Thread(new ClientLoop(selector, connections, recorder, spec, start, windowEnd,
                    interval), "echo-load-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        recorders.forEach(r -> r.addTo(total));
        HostileSummary summary = hostile == null ? null : hostile.stop();
        hostileErrors.addTo(total);
        if (hgrm != null) {
            try (java.io.PrintStream out = new java.io.PrintStream(java.nio.file.Files.newOutputStream(hgrm), true,
                    java.nio.charset.StandardCharsets.UTF_8)) {
                total.latency.outputPercentileDistribution(out, 1000.0); // nanoseconds recorded, microseconds shown
            } catch (IOException e) {
                total.error(ErrorKind.IO, "writing " + hgrm + ": " + e);
            }
        }
        return LoadResult.of(spec, total, summary);
    }

    private static SocketChannel connect(LoadSpec spec) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true); // small messages must not wait for Nagle
            ch.socket().connect(new InetSocketAddress(spec.host(), spec.port()), (int) spec.timeout().toMillis());
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }
}
