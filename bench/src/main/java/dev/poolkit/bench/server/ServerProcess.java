package dev.poolkit.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An echo server in its own JVM, started fresh for one measurement so no run inherits another's
 * heap, JIT state or pool. It listens on an ephemeral port, which it prints; stopping it sends
 * SIGTERM, on which both our server and the Netty reference write their final stats JSON.
 */
public final class ServerProcess implements AutoCloseable {
    /**
     * The announcement of the chosen port: ours prints {@code echo-server listening host=H port=P ...},
     * the Netty reference {@code netty-echo listening on H:P}.
     */
    static final Pattern PORT = Pattern.compile("(?i)\\blistening\\b.*?(?:port=|:)(\\d{1,5})\\b");
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final Process process;
    private final Path statsJson;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path statsJson, Path log, int port) {
        this.process = process;
        this.statsJson = statsJson;
        this.log = log;
        this.port = port;
    }

    /**
     * Runs {@code command} (which must write its stats to {@code statsJson} on SIGTERM) and waits
     * until it prints its port. Stdout and stderr go to {@code log}.
     *
     * @throws IOException naming the command and showing its output if it exits or stays silent
     */
    public static ServerProcess start(List<String> command, Path statsJson, Path log) throws IOException {
        Files.deleteIfExists(statsJson);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, log, port), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(p, statsJson, log, port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("server did not announce a port within " + START_TIMEOUT_SECONDS + " s: "
                    + String.join(" ", command) + "\n--- its output ---\n" + tail(log), e);
        }
    }

    /** Copies the server's output to the log, completing {@code port} at the first announcement. */
    private static void pump(Process p, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = PORT.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("server exited with code " + exitCode(p)));
    }

    private static String exitCode(Process p) {
        try {
            return String.valueOf(p.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, then the stats the server wrote on its way out.
     *
     * @throws IOException if it does not stop in time or wrote no readable stats
     */
    public ServerStats stop() throws IOException {
        process.destroy(); // SIGTERM: the graceful path that writes the stats
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("server did not stop within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM;"
                        + " killed\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the server", e);
        }
        if (!Files.exists(statsJson)) {
            throw new IOException("server exited (code " + process.exitValue() + ") without writing " + statsJson
                    + "\n" + tail(log));
        }
        return ServerStats.parse(Files.readString(statsJson, StandardCharsets.UTF_8));
    }

    /** The exit code after {@link #stop()}: non-zero from our server means it found a leak. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The last lines of a log, for error messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : new ArrayList<>();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
