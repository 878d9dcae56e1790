package dev.poolkit.echo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The process around an {@link EchoServer}: prints the "listening" line, a stats line every
 * {@code --stats-interval}, and on shutdown the final report, the {@code --stats-json} file and the
 * exit status. Its output lines are an interface (the bench harness parses them):
 * <ul>
 *   <li>{@code echo-server listening host=H port=P pool=NAME threads=N blockSize=B poolSize=S exhaustion=E io=M}</li>
 *   <li>{@code echo-server stats ...} every {@code --stats-interval}: human-readable (may change), or
 *       with {@code --stats-format json} one JSON object with the fields of {@link EchoStats#toJson()}</li>
 *   <li>{@code echo-server final-stats {JSON}}: the last line, one JSON object
 *       ({@link ShutdownReport#toJson()})</li>
 * </ul>
 */
final class EchoServerRunner {
    /** Exit status when the server cannot start (e.g. the port is taken) or the stats file cannot be written. */
    static final int EXIT_FAILURE = 1;

    private final EchoConfig config;
    private final Duration statsInterval;
    private final Path statsJson;
    private final boolean jsonLines;
    private final PrintWriter out;
    private final PrintWriter err;
    private final UnaryOperator<BufferSource> decorate;
    private EchoServer server;
    private ScheduledExecutorService ticker;
    private long lastMessages;
    private long lastAllocated;
    private long lastTickNanos;
    private Integer exitCode; // guarded by this

    EchoServerRunner(EchoConfig config, Duration statsInterval, Path statsJson, boolean jsonLines, PrintWriter out,
                     PrintWriter err) {
        this(config, statsInterval, statsJson, jsonLines, out, err, UnaryOperator.identity());
    }

    /** With the server's buffer source wrapped by {@code decorate} (tests inject failures). */
    EchoServerRunner(EchoConfig config, Duration statsInterval, Path statsJson, boolean jsonLines, PrintWriter out,
                     PrintWriter err, UnaryOperator<BufferSource> decorate) {
        this.decorate = decorate;
        this.config = config;
        this.statsInterval = statsInterval;
        this.statsJson = statsJson;
        this.jsonLines = jsonLines;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts, then serves until SIGTERM or Ctrl-C, or until the server stops itself after a failure. The shutdown hook ends the process itself, with
     * {@link Runtime#halt}, because an exit status chosen inside a hook cannot go through
     * {@code System.exit} (that would wait for the hook forever).
     */
    int runUntilSignalled() throws InterruptedException {
        try {
            start(true);
        } catch (IOException e) {
            err.println("echo-server: " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        }
        return awaitStopped();
    }

    /** Waits until the server has shut down (it does so itself after a failure), then {@link #stop()}. */
    int awaitStopped() throws InterruptedException {
        server.awaitTermination();
        return stop();
    }

    /** Starts the server and the periodic stats; prints the "listening" line. */
    void start() throws IOException {
        start(false);
    }

    private void start(boolean shutdownHook) throws IOException {
        server = EchoServer.start(config, decorate);
        if (shutdownHook) {
            // Before the "listening" line: a client of that line may send SIGTERM as soon as it reads it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(stop()),
                    "echo-server-stop"));
        }
        out.println("echo-server listening host=" + server.address().getAddress().getHostAddress() + " port="
                + server.port() + " pool=" + config.pool() + " threads=" + config.threads() + " blockSize="
                + config.blockSize() + " poolSize=" + (config.pooled() ? config.poolSize() : 0) + " exhaustion="
                + config.exhaustion().flag() + " io=" + config.io().flag());
        out.flush();
        long period = statsInterval.toMillis();
        if (period > 0) {
            lastTickNanos = System.nanoTime();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "echo-server-stats");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::printStats, period, period, TimeUnit.MILLISECONDS);
        }
    }

    EchoServer server() {
        return server;
    }

    private synchronized void printStats() {
        if (exitCode != null) {
            return;
        }
        EchoStats s = server.stats();
        long t = System.nanoTime();
        if (jsonLines) {
            out.println("echo-server stats " + s.toJson());
        } else {
            // The line's own figures are since start; these two are for the last interval only, so
            // they show the steady state rather than the warm-up.
            long messages = s.messagesEchoed() - lastMessages;
            double seconds = Math.max(1e-9, (t - lastTickNanos) / 1e9);
            String perMessage = messages == 0 || s.loopAllocatedBytes() < 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", (double) (s.loopAllocatedBytes() - lastAllocated) / messages);
            out.println("echo-server stats " + s.toLine() + String.format(Locale.ROOT,
                    " | last %.0f s: %.0f messages/s, %s B/message", seconds, messages / seconds, perMessage));
        }
        out.flush();
        lastMessages = s.messagesEchoed();
        lastAllocated = s.loopAllocatedBytes();
        lastTickNanos = t;
    }

    /** Shuts the server down and prints the final report; returns the exit status. Idempotent. */
    synchronized int stop() {
        if (exitCode != null) {
            return exitCode;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        ShutdownReport report = server.shutdown();
        int code = report.exitCode();
        LoopTotals loops = report.stats().loops();
        out.println("echo-server stopped: drained " + loops.drained() + " connection(s), cut " + loops.cut()
                + (loops.aborted() > 0 ? ", aborted " + loops.aborted() + " by failed event loops" : "") + " | "
                + report.stats().toLine());
        if (report.failed()) {
            err.println("echo-server: FAILED: " + report.failure());
        }
        if (report.leaked()) {
            err.println("echo-server: LEAK: " + report.leakedBlocks() + " buffer(s) still out of the pool after every"
                    + " connection was closed\n" + report.leakReport());
        }
        String json = report.toJson();
        if (statsJson != null) {
            try {
                Path parent = statsJson.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(statsJson, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("echo-server: cannot write --stats-json " + statsJson + ": " + e);
                code = code == ShutdownReport.EXIT_OK ? EXIT_FAILURE : code;
            }
        }
        out.println("echo-server final-stats " + json);
        out.flush();
        err.flush();
        exitCode = code;
        return code;
    }
}
