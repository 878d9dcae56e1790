package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded jar in a child process, as users run it: started with flags (optionally under a
 * lower file-descriptor limit), stopped with SIGTERM, its stdout collected, its exit status and
 * final stats read. For the integration tests (run under {@code mvn verify}, after the jar is built).
 */
final class EchoProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("^echo-server listening host=\\S+ port=(\\d+) ");
    private static final String FINAL = "echo-server final-stats ";

    private final Process process;
    private final Path stderr;
    private final BufferedReader out;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;
    private final int port;

    private EchoProcess(Process process, Path stderr) throws IOException {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("first line; stderr: %s", Files.readString(stderr)).isNotNull();
        Matcher m = PORT.matcher(first);
        assertThat(m.find()).as("listening line: " + first).isTrue();
        lines.add(first);
        this.port = Integer.parseInt(m.group(1));
        this.pump = new Thread(this::pump, "echo-process-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Collects the server's output as it comes, so tests can wait for a line. */
    private void pump() {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
    }

    static Path jar() {
        Path jar = Paths.get(System.getProperty("poolkit.echo.jar", "target/echo-server.jar"));
        assertThat(jar).as("the shaded jar (run under mvn verify)").isRegularFile();
        return jar;
    }

    private static List<String> java() {
        return new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString()));
    }

    /** Starts the jar with {@code args} and waits for its "listening" line; stderr goes to {@code stderr}. */
    static EchoProcess start(Path stderr, String... args) throws IOException {
        List<String> cmd = java();
        cmd.addAll(List.of(args));
        return new EchoProcess(new ProcessBuilder(cmd).redirectError(stderr.toFile()).start(), stderr);
    }

    /**
     * As {@link #start}, under {@code ulimit -n descriptors} (a POSIX shell sets the limit, then
     * {@code exec}s the JVM, so the limit is the server's own).
     */
    static EchoProcess startWithDescriptorLimit(int descriptors, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -n " + descriptors + " && exec \"$@\"",
                "sh"));
        cmd.addAll(java());
        cmd.addAll(List.of(args));
        return new EchoProcess(new ProcessBuilder(cmd).redirectError(stderr.toFile()).start(), stderr);
    }

    int port() {
        return port;
    }

    /**
     * SIGTERM (through the handle: {@code Process.destroy()} would also close our end of its
     * stdout), then every line up to the end of its output, and its exit status.
     */
    int terminate() throws IOException, InterruptedException {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within 60 s of SIGTERM; output: " + lines);
        }
        pump.join(TimeUnit.SECONDS.toMillis(30)); // the rest of its output, up to the end of the stream
        return process.exitValue();
    }

    /** The JSON of the last line, {@code echo-server final-stats {...}} (after {@link #terminate()}). */
    String finalStats() {
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertThat(last).as("the last line of output: %s", lines).startsWith(FINAL);
        return last.substring(FINAL.length());
    }

    /** A number field of the final stats. */
    long finalFigure(String name) {
        return figure(finalStats(), name);
    }

    /** A number field of a stats JSON object. */
    static long figure(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The periodic stats lines so far ({@code --stats-format json}), as JSON. */
    List<String> statsLines() {
        List<String> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("echo-server stats {")) {
                json.add(line.substring("echo-server stats ".length()));
            }
        }
        return json;
    }

    List<String> lines() {
        return lines;
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
