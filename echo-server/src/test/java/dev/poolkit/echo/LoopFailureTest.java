package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures injected into the server ({@link FaultyBuffers}), for every pool: an event loop that dies
 * is replaced with its connections closed and counted and its buffers returned, and the acceptor
 * deals to the replacement; a failure fatal to the JVM, or loops failing again and again, stop the
 * server with {@link ShutdownReport#EXIT_FAILED} and say why; a throwing give-back closes one
 * connection, never the loop. One event loop, so that every connection shares the loop under test.
 */
@Timeout(120) // a safety net only; every wait below is on observable state
class LoopFailureTest {
    private final FaultyBuffers faulty = new FaultyBuffers();
    private EchoServer server;
    private Clients clients;

    static Stream<String> pools() {
        return EchoConfig.poolNames().stream();
    }

    private void start(String pool, UnaryOperator<EchoConfig.Builder> settings) throws IOException {
        EchoConfig config = settings.apply(EchoConfig.builder().pool(pool).port(0).threads(1).poolSize(8)).build();
        server = EchoServer.start(config, faulty::wrap);
        clients = new Clients(server.port());
    }

    private EchoStats stats() {
        return server.stats();
    }

    @AfterEach
    void everyConnectionClosedAndEveryBufferBack() {
        if (server == null) {
            return;
        }
        faulty.heal();
        clients.close();
        Await.until("every connection is closed", () -> stats().connectionsOpen() == 0, () -> stats().toLine());
        ShutdownReport report = server.shutdown();
        assertThat(report.leakedBlocks()).as(report.leakReport()).isZero();
        assertThat(report.stats().buffers().inUse()).isZero();
    }

    /** Sends one byte, which makes the server lease a buffer, and reads what comes back: -1 if the server closed. */
    private static int poke(Socket s) throws IOException {
        s.getOutputStream().write(1);
        try {
            return s.getInputStream().read();
        } catch (IOException e) { // reset: closed too
            return -1;
        }
    }

    private void echoWorks() throws Exception {
        try (Socket s = clients.connect()) {
            clients.echo(s, Clients.payload(new Random(1), 100_000));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aLoopThatDiesIsReplacedItsConnectionsClosedAndCountedAndTheAcceptorDealsToTheNewOne(String pool)
            throws Exception {
        start(pool, b -> b);
        Socket bystander = clients.connect();
        Await.until("the bystander is registered", () -> stats().connectionsOpen() == 1, () -> stats().toLine());
        faulty.failLeases(1, () -> new AssertionError("injected: a broken invariant in the buffer source"));
        try (Socket victim = clients.connect()) {
            assertThat(poke(victim)).as("what the connection that met the failure reads").isEqualTo(-1);
        }
        assertThat(bystander.getInputStream().read()).as("what another connection of the dead loop reads")
                .isEqualTo(-1);
        Await.until("the dead loop's connections are closed", () -> stats().connectionsOpen() == 0,
                () -> stats().toLine());
        assertThat(stats().loopFailures()).isEqualTo(1);
        assertThat(stats().loops().aborted()).as("connections closed because their loop failed").isEqualTo(2);
        assertThat(stats().buffers().inUse()).as("buffers out after the failure").isZero();

        echoWorks(); // the only slot's new loop: the acceptor dealt to it
        assertThat(server.shutdown().exitCode()).isEqualTo(ShutdownReport.EXIT_OK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void anErrorFatalToTheJvmStopsTheServerWithExitStatus4AndSaysWhy(String pool) throws Exception {
        start(pool, b -> b);
        Socket bystander = clients.connect();
        faulty.failLeases(1, () -> new OutOfMemoryError("injected: Java heap space"));
        try (Socket victim = clients.connect()) {
            assertThat(poke(victim)).isEqualTo(-1);
        }
        awaitTermination();
        ShutdownReport report = server.shutdown();
        assertThat(report.exitCode()).isEqualTo(ShutdownReport.EXIT_FAILED);
        assertThat(report.failure()).contains("event loop", "OutOfMemoryError", "injected: Java heap space", "-Xmx");
        assertThat(bystander.getInputStream().read()).isEqualTo(-1);
        assertThat(refusesConnections()).as("the listener is closed").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void loopsThatKeepFailingStopTheServer(String pool) throws Exception {
        start(pool, b -> b);
        faulty.failLeases(FaultyBuffers.ALWAYS, () -> new AssertionError("injected: fails every time"));
        for (int i = 0; i <= Loops.FAILURES_TOLERATED; i++) {
            try (Socket victim = clients.connect()) {
                assertThat(poke(victim)).as("failure %d", i + 1).isEqualTo(-1);
            }
        }
        awaitTermination();
        ShutdownReport report = server.shutdown();
        assertThat(report.exitCode()).isEqualTo(ShutdownReport.EXIT_FAILED);
        assertThat(report.failure()).contains("failed " + (Loops.FAILURES_TOLERATED + 1) + " times within 60 s",
                "injected: fails every time");
        assertThat(report.stats().loopFailures()).isEqualTo(Loops.FAILURES_TOLERATED + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aThrowingGiveBackWhileClosingAResetConnectionClosesItAndTheLoopGoesOn(String pool) throws Exception {
        assumeTrue(!pool.equals(EchoConfig.NO_POOL) && !pool.equals(EchoConfig.LOOP_BUFFER),
                pool + " spills a stalled echo at once: closing it gives nothing back");
        start(pool, b -> b.spillAfter(Duration.ofMinutes(1)).writeTimeout(Duration.ZERO));
        SocketChannel stuck = clients.openChannel(8 * 1024);
        fill(stuck);
        faulty.failGiveBacks(1, () -> new IllegalStateException("injected: release failed"));
        stuck.socket().setSoLinger(true, 0);
        stuck.close(); // RST: the server's next write fails, and closing it gives the buffer back: which throws
        Await.until("the reset connection is closed", () -> stats().connectionsOpen() == 0, () -> stats().toLine());
        assertThat(faulty.thrown()).as("give-backs that threw").isEqualTo(1);
        assertThat(stats().loops().errors()).as("unexpected errors counted").isEqualTo(1);
        assertThat(stats().connectionsReset()).isEqualTo(1);
        assertThat(stats().loopFailures()).isZero();
        echoWorks(); // the same loop
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aThrowingGiveBackAfterAnEchoClosesThatConnectionOnly(String pool) throws Exception {
        start(pool, b -> b);
        Socket other = clients.connect();
        faulty.failGiveBacks(1, () -> new IllegalStateException("injected: release failed"));
        try (Socket victim = clients.connect()) {
            assertThat(poke(victim)).as("the echo went out before the failure").isEqualTo(1);
            assertThat(victim.getInputStream().read()).as("then the connection is closed").isEqualTo(-1);
        }
        assertThat(stats().loops().errors()).isEqualTo(1);
        assertThat(stats().loopFailures()).isZero();
        clients.echo(other, Clients.payload(new Random(2), 50_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void throwingGiveBacksWhileALoopDiesDoNotStrandItsOtherConnections(String pool) throws Exception {
        start(pool, b -> b.spillAfter(Duration.ofMinutes(1)).writeTimeout(Duration.ZERO));
        List<SocketChannel> stuck = List.of(clients.openChannel(8 * 1024), clients.openChannel(8 * 1024));
        for (SocketChannel ch : stuck) {
            fill(ch);
        }
        faulty.failGiveBacks(FaultyBuffers.ALWAYS, () -> new IllegalStateException("injected: release failed"));
        faulty.failLeases(1, () -> new AssertionError("injected: a broken invariant"));
        try (Socket victim = clients.connect()) {
            assertThat(poke(victim)).isEqualTo(-1);
        }
        Await.until("every connection of the dead loop is closed", () -> stats().connectionsOpen() == 0,
                () -> stats().toLine());
        assertThat(stats().loops().aborted()).isEqualTo(3);
        assertThat(stats().buffers().inUse()).isZero();
        faulty.heal();
        echoWorks();
    }

    /** Writes without reading until the server's echo to {@code ch} stalls (it then holds a buffer). */
    private void fill(SocketChannel ch) throws Exception {
        long blocked = stats().connectionsWriteBlocked();
        ch.configureBlocking(false);
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(64 * 1024);
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            ch.register(selector, java.nio.channels.SelectionKey.OP_WRITE);
            while (stats().connectionsWriteBlocked() == blocked) {
                Await.failIfInterrupted("the server's echo to a client that does not read stalls", () -> stats().toLine());
                selector.select(10);
                selector.selectedKeys().clear();
                chunk.clear();
                ch.write(chunk);
            }
        }
        ch.configureBlocking(true);
    }

    private void awaitTermination() throws Exception {
        clients.submit(() -> {
            server.awaitTermination();
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    private boolean refusesConnections() {
        try {
            new Socket("127.0.0.1", server.port()).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
