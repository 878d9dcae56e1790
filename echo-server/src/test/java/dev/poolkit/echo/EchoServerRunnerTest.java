package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process around the server, in process: the lines the bench harness parses, the JSON file,
 * the exit status (leak or not) and the JMX bean. The real process (shaded jar, SIGTERM) is
 * {@code ShadedJarIT}'s job.
 */
@Timeout(60)
class EchoServerRunnerTest {
    private static final Pattern PORT = Pattern.compile("^echo-server listening host=\\S+ port=(\\d+) ", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private EchoServerRunner runner(String pool, Duration statsInterval, Path json, boolean jsonLines) {
        EchoConfig config = EchoConfig.builder().pool(pool).port(0).threads(2).poolSize(8).build();
        return new EchoServerRunner(config, statsInterval, json, jsonLines, new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    private int listeningPort() {
        Matcher m = PORT.matcher(out.toString());
        assertThat(m.find()).as("a listening line in: " + out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void printsTheListeningLinePeriodicStatsAndAFinalJsonLineAndFile() throws Exception {
        Path json = dir.resolve("reports/stats.json");
        EchoServerRunner runner = runner("local", Duration.ofMillis(20), json, false);
        runner.start();
        int port = listeningPort();
        assertThat(port).isEqualTo(runner.server().port()).isPositive();
        try (Clients clients = new Clients(port); Socket s = clients.connect()) {
            clients.echo(s, Clients.payload(new Random(1), 100_000));
        }
        Await.until("a periodic stats line", () -> out.toString().contains("echo-server stats connections"),
                out::toString);
        assertThat(out.toString()).contains(" B/message", " messages/s");
        Await.until("the connection is closed", () -> runner.server().stats().connectionsOpen() == 0);

        assertThat(runner.stop()).isEqualTo(ShutdownReport.EXIT_OK);

        List<String> lines = out.toString().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("echo-server final-stats {").endsWith("}");
        String finalJson = last.substring("echo-server final-stats ".length());
        assertThat(finalJson).contains("\"pool\":\"local\"", "\"connectionsTotal\":1", "\"bytesEchoed\":100000",
                "\"poolInUse\":0", "\"leakedBlocks\":0", "\"allocatedBytesPerMessage\":", "\"gcCount\":",
                "\"gcTimeMs\":");
        assertThat(Files.readString(json, StandardCharsets.UTF_8).strip()).isEqualTo(finalJson);
        assertThat(err.toString()).isEmpty();
        assertThat(runner.stop()).as("a second stop").isEqualTo(ShutdownReport.EXIT_OK);
    }

    @Test
    void periodicStatsCanBeJsonLines() throws Exception {
        EchoServerRunner runner = runner("none", Duration.ofMillis(20), null, true);
        runner.start();
        Await.until("a periodic JSON stats line", () -> out.toString().contains("echo-server stats {\"pool\":\"none\""),
                out::toString);
        assertThat(runner.stop()).isEqualTo(ShutdownReport.EXIT_OK);
    }

    @Test
    void aBufferStillOutAtShutdownIsReportedAsALeakWithExitStatus3() throws Exception {
        EchoServerRunner runner = runner("local", Duration.ZERO, null, false);
        runner.start();
        BlockPool pool = runner.server().buffers().pool();
        Block leaked = pool.acquire(); // as if a connection had forgotten to give its buffer back

        assertThat(runner.stop()).isEqualTo(ShutdownReport.EXIT_LEAK);
        assertThat(err.toString()).contains("LEAK: 1 buffer(s) still out of the pool", "block #" + leaked.index());
        assertThat(out.toString()).contains("\"leakedBlocks\":1");
    }

    @Test
    void aServerThatFailsBeyondRecoveryExitsWithStatus4AndSaysWhy() throws Exception {
        FaultyBuffers faulty = new FaultyBuffers().failLeases(1, () -> new OutOfMemoryError("injected: Java heap space"));
        EchoConfig config = EchoConfig.builder().pool("local").port(0).threads(1).build();
        EchoServerRunner runner = new EchoServerRunner(config, Duration.ZERO, null, false, new PrintWriter(out, true),
                new PrintWriter(err, true), faulty::wrap);
        runner.start();
        try (Socket s = new Socket("127.0.0.1", listeningPort())) {
            s.getOutputStream().write(1); // the server leases a buffer for it, and the lease fails
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(runner.awaitStopped()).isEqualTo(ShutdownReport.EXIT_FAILED);
        assertThat(err.toString()).contains("echo-server: FAILED: event loop", "OutOfMemoryError",
                "injected: Java heap space");
        assertThat(out.toString()).contains("\"failure\":\"event loop");
    }

    private static long bytesEchoed(MBeanServer beans, ObjectName name) {
        try {
            return (Long) beans.getAttribute(name, "BytesEchoed");
        } catch (javax.management.JMException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theStatsAreAJmxBeanWhileTheServerRuns() throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("none").port(0).threads(1).build());
             Clients clients = new Clients(server.port())) {
            ObjectName name = new ObjectName("dev.poolkit.echo:type=EchoServer,port=" + server.port());
            Socket s = clients.connect();
            clients.echo(s, Clients.payload(new Random(2), 5000));
            assertThat(beans.getAttribute(name, "Pool")).isEqualTo("none");
            assertThat(beans.getAttribute(name, "ConnectionsTotal")).isEqualTo(1L);
            // The server counts a read once its write returns, which may be just after the client has it.
            Await.until("the bean shows every byte echoed", () -> bytesEchoed(beans, name) == 5000L);
            assertThat((String) beans.getAttribute(name, "StatsJson")).contains("\"bytesEchoed\":5000");
            s.close();
            server.shutdown();
            assertThat(beans.isRegistered(name)).as("registered after shutdown").isFalse();
        }
    }

    @Test
    void itsPoolsAreJmxBeansWhileTheServerRuns() throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        ObjectName ours = new ObjectName("dev.poolkit:type=BlockPool,name=echo-server-*-buffers");
        Set<ObjectName> before = beans.queryNames(ours, null);
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("jctools").port(0).threads(1)
                .poolSize(8).build());
             Clients clients = new Clients(server.port())) {
            Set<ObjectName> added = new HashSet<>(beans.queryNames(ours, null));
            added.removeAll(before);
            assertThat(added).hasSize(1);
            ObjectName buffers = added.iterator().next();
            assertThat(beans.getAttribute(buffers, "Backend")).isEqualTo("jctools");
            assertThat(beans.getAttribute(buffers, "Capacity")).isEqualTo(8);
            ObjectName connections = new ObjectName(buffers.toString().replace("-buffers", "-connections")
                    .replace("type=BlockPool", "type=ObjectPool"));
            assertThat(beans.isRegistered(connections)).isTrue();
            Socket s = clients.connect();
            clients.echo(s, Clients.payload(new Random(3), 100));
            assertThat((Long) beans.getAttribute(buffers, "Acquires")).isPositive();
            s.close();
            server.shutdown();
            assertThat(beans.isRegistered(buffers)).as("registered after shutdown").isFalse();
            assertThat(beans.isRegistered(connections)).isFalse();
        }
    }
}
