package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Smoke test of the artifact users run: {@code java -jar target/echo-server.jar} starts with every
 * pool it contains, echoes, and on SIGTERM prints its final stats, writes {@code --stats-json}
 * and exits 0. Runs under {@code mvn verify} (failsafe), after the jar is shaded.
 */
@Timeout(120)
class ShadedJarIT {
    private static final Pattern PORT = Pattern.compile("^echo-server listening host=\\S+ port=(\\d+) ");

    @TempDir
    Path dir;

    static Iterable<String> pools() {
        return EchoConfig.poolNames();
    }

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("poolkit.echo.jar", "target/echo-server.jar"));
        assertThat(jar).as("the shaded jar (run under mvn verify)").isRegularFile();
        return jar;
    }

    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void theJarServesWithEachPoolAndReportsOnSigterm(String pool) throws Exception {
        Path json = dir.resolve(pool + ".json");
        Path errors = dir.resolve(pool + ".err");
        Process p = java("--pool", pool, "--port", "0", "--threads", "1", "--stats-interval", "0",
                "--stats-json", json.toString())
                .redirectError(errors.toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("first line; stderr: %s", Files.readString(errors)).isNotNull();
            Matcher m = PORT.matcher(first);
            assertThat(m.find()).as("listening line: " + first).isTrue();
            assertThat(first).contains("pool=" + pool);
            int port = Integer.parseInt(m.group(1));

            try (Clients clients = new Clients(port); Socket s = clients.connect()) {
                clients.echo(s, Clients.payload(new Random(9), 300_000));
            }
            // SIGTERM, through the handle: Process.destroy() would also close our end of its stdout.
            assertThat(p.toHandle().destroy()).isTrue();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).as("exit status; stdout %s; stderr %s", lines, Files.readString(errors)).isZero();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("echo-server final-stats {");
        assertThat(last).contains("\"pool\":\"" + pool + "\"", "\"bytesEchoed\":300000", "\"connectionsOpen\":0",
                "\"leakedBlocks\":0");
        assertThat(Files.readString(json).strip()).isEqualTo(last.substring("echo-server final-stats ".length()));
    }

    @Test
    void anUnknownPoolExitsWith2ListingTheValidOnes() throws IOException, InterruptedException {
        Process p = java("--pool", "bogus").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown --pool 'bogus'").contains(EchoConfig.poolNames());
    }
}
