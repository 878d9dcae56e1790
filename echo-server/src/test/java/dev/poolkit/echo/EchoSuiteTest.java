package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The echo server under real clients on loopback, run once for every backend on the class path
 * and for {@code none}: a backend module added to echo-server's dependencies joins every test here
 * with no change. After each test every client is gone, every connection closed, every buffer back
 * in the pool, no unexpected error counted, and shutdown reports no leak
 * ({@link #everyClientGoneAndEveryBufferBack}).
 */
@Timeout(120) // a safety net only; every wait below is on observable state
class EchoSuiteTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private EchoServer server;
    private Clients clients;

    /** Every pool in every I/O model this JVM runs (virtual threads on Java 21+). */
    static Stream<Arguments> pools() {
        return EchoConfig.poolNames().stream()
                .flatMap(pool -> IoModels.available().map(io -> Arguments.of(pool, io)));
    }

    /** False for the unpooled designs ({@code none}, {@code loop-buffer}), which have no pool to run out of. */
    private static boolean pooled(String pool) {
        return !pool.equals(EchoConfig.NO_POOL) && !pool.equals(EchoConfig.LOOP_BUFFER);
    }

    private EchoServer start(String pool, IoModel io, UnaryOperator<EchoConfig.Builder> settings) throws IOException {
        // No write timeout unless a test sets one: it is a fixed window (30 s by default), and on a
        // busy machine stalling hundreds of clients can take longer, so the server would close the
        // first ones while the test still counts on them. The timeout has a test of its own.
        EchoConfig.Builder defaults = EchoConfig.builder().pool(pool).io(io).port(0).threads(2).writeTimeout(Duration.ZERO);
        server = EchoServer.start(settings.apply(defaults).build());
        clients = new Clients(server.port());
        return server;
    }

    private EchoStats stats() {
        return server.stats();
    }

    @AfterEach
    void everyClientGoneAndEveryBufferBack() {
        if (server == null) {
            return;
        }
        clients.close();
        Await.until("every connection is closed", () -> stats().connectionsOpen() == 0, () -> stats().toLine());
        Await.until("every buffer is back in the pool", () -> stats().buffers().inUse() == 0, () -> stats().toLine());
        ShutdownReport report = server.shutdown();
        assertThat(report.leakedBlocks()).as(report.leakReport()).isZero();
        assertThat(report.exitCode()).isEqualTo(ShutdownReport.EXIT_OK);
        assertThat(report.stats().loops().errors()).as("unexpected errors").isZero();
        assertThat(report.stats().loopFailures()).as("event loop failures").isZero();
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void manyConcurrentClientsWithRandomSizesGetEveryByteBackInOrder(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.poolSize(32));
        long seed = System.nanoTime();
        int clientCount = 12;
        int messagesEach = 4;
        List<Future<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            Random random = new Random(seed + i);
            boolean carriesMax = i == 0; // at least one message of the largest size
            tasks.add(clients.submit(() -> {
                long sent = 0;
                try (Socket s = clients.connect()) {
                    for (int m = 0; m < messagesEach; m++) {
                        // Log-uniform from 1 B to 1 MiB: as many tiny messages as huge ones.
                        int size = carriesMax && m == 0 ? MIB : (int) Math.round(Math.pow(2, random.nextDouble() * 20));
                        byte[] data = Clients.payload(random, size);
                        clients.echo(s, data);
                        sent += size;
                    }
                }
                return sent;
            }));
        }
        try {
            Clients.join(tasks);
        } catch (AssertionError e) {
            throw new AssertionError("with seed " + seed + ": " + e.getMessage(), e);
        }
        long total = 0;
        for (Future<Long> t : tasks) {
            total += t.get();
        }
        long expected = total;
        Await.until("every byte is counted as echoed", () -> stats().bytesEchoed() == expected, () -> stats().toLine());
        assertThat(stats().connectionsTotal()).isEqualTo(clientCount);
        assertThat(stats().messagesEchoed()).isPositive();
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void oneByteWritesComeBackOneByOneInOrder(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b);
        try (Socket s = clients.connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 500; i++) {
                out.write(i & 0xFF);
                assertThat(in.read()).as("echo of byte %d", i).isEqualTo(i & 0xFF);
            }
        }
        Await.until("500 one-byte messages counted",
                () -> stats().messagesEchoed() == 500 && stats().bytesEchoed() == 500, () -> stats().toLine());
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void streamsMuchLargerThanThePoolPassThroughATinyPool(String pool, IoModel io) throws Exception {
        int blockSize = 1024;
        int poolSize = 4;
        start(pool, io, b -> b.blockSize(blockSize).poolSize(poolSize));
        long seed = System.nanoTime();
        List<Future<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // more streams than blocks per loop: they take turns with the blocks
            Random random = new Random(seed + i);
            tasks.add(clients.submit(() -> {
                try (Socket s = clients.connect()) {
                    clients.echo(s, Clients.payload(random, 3 * MIB)); // 768 x the pool's 4 KiB
                }
                return null;
            }));
        }
        Clients.join(tasks);
        if (pooled(pool)) {
            assertThat(stats().buffers().highWater()).isLessThanOrEqualTo(poolSize);
            assertThat(stats().buffers().misses()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void halfCloseGetsTheWholeEchoThenEndOfStream(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b);
        byte[] data = Clients.payload(new Random(42), 200 * KIB);
        try (Socket s = clients.connect()) {
            Future<Void> writer = clients.submit(() -> {
                s.getOutputStream().write(data);
                s.shutdownOutput(); // FIN: no more data, but still reading
                return null;
            });
            byte[] got = s.getInputStream().readAllBytes(); // returns at the server's FIN
            writer.get();
            Clients.assertSame(data, got);
        }
        Await.until("the server counts a close by the peer", () -> stats().connectionsClosedByPeer() == 1,
                () -> stats().toLine());
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void resetInTheMiddleOfAMessageClosesTheConnectionAndReturnsItsBuffer(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b);
        Socket s = clients.connect();
        s.getOutputStream().write(Clients.payload(new Random(7), 256 * KIB)); // the echo fills the client's window
        Await.until("the server has echoed something", () -> stats().bytesEchoed() > 0, () -> stats().toLine());
        s.setSoLinger(true, 0);
        s.close(); // linger 0: RST, with data unread and in flight
        Await.until("the server counts the reset", () -> stats().connectionsReset() == 1, () -> stats().toLine());
        try (Socket other = clients.connect()) {
            clients.echo(other, Clients.payload(new Random(8), 64 * KIB));
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aClientThatNeverReadsHoldsNoPoolBufferAndOthersAreStillServed(String pool, IoModel io) throws Exception {
        int poolSize = 4;
        start(pool, io, b -> b.poolSize(poolSize));
        SocketChannel stuck = openClientThatNeverReads();
        fillUntilTheServerStopsReading(stuck);
        // After --spill-after its unsent tail is on the heap and its buffer back in the pool.
        Await.until("the stuck echo is spilled and its buffer back", () -> stats().loops().spilled() == 1
                && stats().buffers().inUse() == 0, () -> stats().toLine());
        assertThat(stats().loops().spilledBytes()).as("heap bytes held for a peer that does not read")
                .isBetween(1L, (long) EchoConfig.DEFAULT_BLOCK_SIZE);

        List<Future<Void>> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Random random = new Random(i);
            others.add(clients.submit(() -> {
                try (Socket s = clients.connect()) {
                    clients.echo(s, Clients.payload(random, 256 * KIB));
                }
                return null;
            }));
        }
        Clients.join(others);
        Await.until("no buffer is out once the others' last reads are done", () -> stats().buffers().inUse() == 0,
                () -> stats().toLine());
        assertThat(stats().loops().spilled()).as("the stuck client, still stuck").isEqualTo(1);
        assertThat(stats().buffers().highWater()).isLessThanOrEqualTo(1 + others.size());
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aStalledEchoGivesItsBlockBackAsSoonAsAnotherConnectionNeedsIt(String pool, IoModel io) throws Exception {
        assumeTrue(pooled(pool), pool + " has no pool to give a block back to");
        // Held for a minute unless someone needs it: only the need can free it within the test.
        start(pool, io, b -> b.poolSize(1).spillAfter(Duration.ofMinutes(1)).writeTimeout(Duration.ZERO));
        SocketChannel first = openClientThatNeverReads(); // loop 0 (round-robin over 2 loops)
        fillUntilTheServerStopsReading(first);
        assertThat(stats().buffers().inUse()).as("the only block, held by the stalled echo").isEqualTo(1);
        try (Socket s = clients.connect()) { // loop 1: asks the broker, which has loop 0 spill
            clients.echo(s, Clients.payload(new Random(1), 100 * KIB));
        }
        assertThat(stats().loops().spills()).as("spills after a waiter on another loop").isEqualTo(1);
        // The server sees the client's close after the client has closed: until then that connection
        // may still hold the block, and the next one would wait for it instead of stalling with it.
        Await.until("the echoed client's connection closed and its block back",
                () -> stats().connectionsOpen() == 1 && stats().buffers().inUse() == 0, () -> stats().toLine());

        SocketChannel second = openClientThatNeverReads(); // loop 0 again
        fillUntilTheServerStopsReading(second);
        assertThat(stats().buffers().inUse()).as("the only block, held by the second stalled echo").isEqualTo(1);
        clients.connect(); // loop 1, idle
        try (Socket s = clients.connect()) { // loop 0, where the block is held: spilled on the spot
            clients.echo(s, Clients.payload(new Random(2), 100 * KIB));
        }
        assertThat(stats().loops().spills()).as("spills after a waiter on the same loop").isEqualTo(2);
        assertThat(stats().buffers().misses()).isZero();
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aNewClientIsEchoedWithin100MillisecondsWhileHundredsOfClientsDoNotRead(String pool, IoModel io) throws Exception {
        int poolSize = 64;
        int nonReaders = 200;
        start(pool, io, b -> b.poolSize(poolSize));
        List<SocketChannel> stuck = new ArrayList<>();
        for (int i = 0; i < nonReaders; i++) {
            stuck.add(clients.openChannel(8 * KIB));
        }
        fillUntilTheServerStopsReading(stuck);
        Await.until("every stalled echo is spilled and every buffer back", () -> stats().loops().spilled() == nonReaders
                && stats().buffers().inUse() == 0, () -> stats().toLine());
        // Each new client must be served; the median of five must be within 100 ms (the median, so
        // that one scheduling hiccup of a busy machine on the client's side does not decide).
        long[] micros = new long[5];
        for (int i = 0; i < micros.length; i++) {
            try (Socket s = clients.connect()) {
                long t0 = System.nanoTime();
                clients.echo(s, Clients.payload(new Random(i), EchoConfig.DEFAULT_BLOCK_SIZE));
                micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            }
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        assertThat(sorted[sorted.length / 2]).as("median microseconds from connect to echo of a new client, with %d"
                + " clients not reading and %d buffers; all: %s", nonReaders, poolSize,
                Arrays.toString(micros)).isLessThan(100_000);
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aSpillRequestThatComesAfterTheSpillLeavesTheStalledThreadParked(String pool, IoModel io) throws Exception {
        assumeTrue(io == IoModel.VIRTUAL_THREADS, "the event loops take spill requests per loop, not per connection");
        start(pool, io, b -> b.poolSize(4));
        SocketChannel stuck = openClientThatNeverReads();
        fillUntilTheServerStopsReading(stuck);
        Await.until("the stuck echo is spilled and its buffer back", () -> stats().loops().spilled() == 1
                && stats().buffers().inUse() == 0, () -> stats().toLine());
        // What a waiter's spillAll() does when it reads the holders just before this echo leaves
        // them: a request to a connection that has nothing left to give back.
        List<ConnectionTask> live = server.perConnection().live();
        assertThat(live).hasSize(1);
        live.forEach(ConnectionTask::requestSpill);
        Thread stalled = live.get(0).thread();
        Await.until("the stalled connection's thread parks again instead of spinning on its carrier",
                () -> stalled.getState() == Thread.State.WAITING || stalled.getState() == Thread.State.TIMED_WAITING,
                () -> stalled + " is " + stalled.getState() + "; " + stats().toLine());
        assertThat(stats().connectionsWriteBlocked()).as("still stalled: its client does not read").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aSpillRequestLeftFromAnEarlierStallDoesNotSpillTheNextOne(String pool, IoModel io) throws Exception {
        assumeTrue(io == IoModel.VIRTUAL_THREADS, "the event loops take spill requests per loop, not per connection");
        assumeTrue(pooled(pool), pool + " has no pool block to hold while stalled");
        start(pool, io, b -> b.poolSize(4).spillAfter(Duration.ofMinutes(1))); // nobody waits: a stall keeps its block
        SocketChannel ch = openClientThatNeverReads();
        long sent = fillUntilTheServerStopsReading(ch);
        ConnectionTask task = server.perConnection().live().get(0);
        task.requestSpill();
        Await.until("the stalled echo spills when asked", () -> stats().loops().spilled() == 1
                && stats().buffers().inUse() == 0, () -> stats().toLine());
        long spillsAsked = stats().loops().spills();
        task.requestSpill(); // late: nothing is left to give back
        // The client takes the whole echo, which ends the stall (and may stall the server briefly
        // again on the way), then fills it once more: at least one new stall, none of them asked to spill.
        readExactly(ch, sent);
        Await.until("the stall is over", () -> stats().connectionsWriteBlocked() == 0, () -> stats().toLine());
        fillUntilTheServerStopsReading(ch);
        Thread t = task.thread();
        Await.until("the new stall parks", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING, () -> t + " is " + t.getState() + "; " + stats().toLine());
        assertThat(stats().loops().spills()).as("spills after the one asked for: a request left over from the"
                + " first stall spilled a later one at once").isEqualTo(spillsAsked);
        assertThat(stats().buffers().inUse()).as("the block the new stall keeps until --spill-after").isEqualTo(1);
    }

    /** Reads exactly {@code n} bytes (the whole echo of what was sent), blocking. */
    private static void readExactly(SocketChannel ch, long n) throws IOException {
        InputStream in = blockingInput(ch);
        byte[] sink = new byte[64 * KIB];
        long left = n;
        while (left > 0) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            assertThat(r).as("end of stream with %d of %d echoed bytes still to come", left, n).isPositive();
            left -= r;
        }
    }

    /** {@code ch} made blocking again (after a fill), read through a stream whose reads time out after 30 s. */
    private static InputStream blockingInput(SocketChannel ch) throws IOException {
        ch.configureBlocking(true);
        Socket s = ch.socket();
        s.setSoTimeout(30_000); // a safety net, as Clients.connect() sets
        return s.getInputStream();
    }

    /** A client with small socket buffers, so that it stops the server sooner after it stops reading. */
    private SocketChannel openClientThatNeverReads() throws IOException {
        return clients.openChannel(8 * KIB);
    }

    private long fillUntilTheServerStopsReading(SocketChannel ch) throws IOException {
        return fillUntilTheServerStopsReading(List.of(ch));
    }

    /**
     * Writes on every channel, without reading, until the server pushes back on each: its echo to
     * them is stuck (so it reads nothing more from them) and they cannot write. The kernel's socket
     * buffers grow first (up to a few MiB on loopback), so this takes a few MiB per channel.
     * Returns the bytes written, on all channels together.
     */
    private long fillUntilTheServerStopsReading(List<SocketChannel> channels) throws IOException {
        long target = stats().connectionsWriteBlocked() + channels.size();
        try (Selector selector = Selector.open()) {
            for (SocketChannel ch : channels) {
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_WRITE);
            }
            ByteBuffer chunk = ByteBuffer.allocate(64 * KIB);
            long written = 0;
            while (stats().connectionsWriteBlocked() < target) {
                Await.failIfInterrupted("the server stops reading from " + channels.size() + " clients that do not read",
                        () -> stats().toLine());
                // Write whatever the sockets take, or re-check the server every 10 ms.
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    chunk.clear();
                    written += ((SocketChannel) key.channel()).write(chunk);
                }
                selector.selectedKeys().clear();
            }
            return written;
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void idleConnectionsBeyondThePoolSizeHoldNoBufferAndAreAllServed(String pool, IoModel io) throws Exception {
        int poolSize = 4;
        int connections = 10 * poolSize;
        start(pool, io, b -> b.poolSize(poolSize));
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            idle.add(clients.connect());
        }
        Await.until(connections + " connections open", () -> stats().connectionsOpen() == connections,
                () -> stats().toLine());
        assertThat(stats().buffers().inUse()).as("buffers held by idle connections").isZero();

        List<Future<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = idle.get(i);
            Random random = new Random(i);
            tasks.add(clients.submit(() -> {
                clients.echo(s, Clients.payload(random, 16 * KIB));
                return null;
            }));
        }
        Clients.join(tasks);
        // The connections stay open and idle: once their last reads are over, they hold nothing again.
        Await.until("idle connections hold no buffer again", () -> stats().buffers().inUse() == 0,
                () -> stats().toLine());
        assertThat(stats().connectionsOpen()).isEqualTo(connections);
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aConnectionWaitsForABufferWhileNoneIsFreeAndIsServedWhenOneComesBack(String pool, IoModel io) throws Exception {
        assumeTrue(pooled(pool), pool + " has no pool: it never runs out");
        start(pool, io, b -> b.poolSize(1));
        BlockPool blocks = server.buffers().pool();
        Block held = blocks.acquire(); // as a connection in the middle of an event would
        Socket waiting = clients.connect();
        byte[] data = Clients.payload(new Random(3), 100 * KIB);
        Future<Void> echo = clients.submit(() -> {
            clients.echo(waiting, data);
            return null;
        });
        Await.until("the connection waits for a buffer", () -> stats().connectionsWaiting() == 1,
                () -> stats().toLine());
        long echoedBefore = stats().bytesEchoed();
        blocks.release(held); // the broker takes it and hands it to the waiter's loop
        Clients.join(List.of(echo));
        Await.until("the waiter's bytes are counted", () -> stats().bytesEchoed() >= echoedBefore + data.length,
                () -> stats().toLine());
        assertThat(stats().buffers().misses()).isZero();
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void unpooledExhaustionReadsIntoAHeapBufferInsteadOfWaiting(String pool, IoModel io) throws Exception {
        assumeTrue(pooled(pool), pool + " has no pool to exhaust");
        start(pool, io, b -> b.poolSize(1).exhaustion(BufferExhaustion.UNPOOLED).spillAfter(Duration.ofMinutes(1))
                .writeTimeout(Duration.ZERO));
        SocketChannel stuck = openClientThatNeverReads();
        fillUntilTheServerStopsReading(stuck);
        assertThat(stats().buffers().inUse()).as("the only block, held by the stalled echo").isEqualTo(1);
        try (Socket s = clients.connect()) {
            clients.echo(s, Clients.payload(new Random(4), 64 * KIB));
        }
        assertThat(stats().buffers().misses()).as("heap buffers read into").isPositive();
        assertThat(stats().bufferWaits()).isZero();
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aMessageThatFillsTheBlockCostsOneLease(String pool, IoModel io) throws Exception {
        int blockSize = EchoConfig.DEFAULT_BLOCK_SIZE;
        start(pool, io, b -> b.threads(1).blockSize(blockSize));
        int messages = 100;
        try (Socket s = clients.connect()) {
            Random random = new Random(5);
            clients.echo(s, Clients.payload(random, blockSize));
            Await.until("the first message is echoed and its buffer back", () -> stats().buffers().inUse() == 0,
                    () -> stats().toLine());
            long before = stats().buffers().acquires();
            for (int i = 0; i < messages; i++) {
                clients.echo(s, Clients.payload(random, blockSize)); // one at a time: one readiness event each
            }
            Await.until("every buffer back", () -> stats().buffers().inUse() == 0, () -> stats().toLine());
            // The read that fills the block and the next read share one lease (which may even find the
            // next message there already): at most one lease per message, where reads had one each.
            assertThat(stats().buffers().acquires() - before).as("buffers leased for %d messages of one block each",
                    messages).isBetween(1L, (long) messages);
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void connectionsAboveTheLimitAreClosedAtOnceAndCounted(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.maxConnections(2));
        Socket a = clients.connect();
        Socket b = clients.connect();
        Await.until("two connections open", () -> stats().connectionsOpen() == 2, () -> stats().toLine());
        Socket refused = clients.connect(); // the TCP handshake completes in the kernel; the server then closes it
        assertThat(readEndOrReset(refused)).as("what the refused client reads").isEqualTo(-1);
        Await.until("the refusal is counted", () -> stats().connectionsRefused() == 1, () -> stats().toLine());
        clients.echo(a, Clients.payload(new Random(1), 1000));
        clients.echo(b, Clients.payload(new Random(2), 1000));
        a.close();
        Await.until("a slot frees up", () -> stats().connectionsOpen() == 1, () -> stats().toLine());
        try (Socket c = clients.connect()) {
            clients.echo(c, Clients.payload(new Random(3), 1000));
        }
        assertThat(stats().connectionsRefused()).isEqualTo(1);
    }

    /** -1 at the end of the stream; a reset also counts as the server having closed the connection. */
    private static int readEndOrReset(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void aClientThatStopsReadingIsClosedAfterTheWriteTimeout(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.poolSize(4).writeTimeout(Duration.ofMillis(300)));
        SocketChannel stuck = openClientThatNeverReads();
        stuck.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(64 * KIB);
        // Keep writing without reading, so that the echo stalls, until the server gives up on it.
        Await.until("the server closes the connection whose echo stalled past --write-timeout", () -> {
            writeWhatItTakes(stuck, chunk);
            return stats().loops().writeTimedOut() == 1 && stats().connectionsOpen() == 0;
        }, () -> stats().toLine());
        assertThat(stats().connectionsTimedOut()).as("closed by the idle timeout instead").isZero();
        assertThat(readUntilEndOrReset(stuck)).as("what the client reads once the server gave up").isIn("end", "reset");
    }

    /** One non-blocking write of what the socket takes; nothing once the server has closed it. */
    private static void writeWhatItTakes(SocketChannel ch, ByteBuffer chunk) {
        chunk.clear();
        try {
            ch.write(chunk);
        } catch (IOException closedByTheServer) {
            // expected once the write timeout fired: the wait's condition says whether it did
        }
    }

    /**
     * Reads (and drops) what the server echoed before it closed, bounded by what the socket buffers
     * held: "end" for the end of the stream, "reset" for a reset. A read that times out (the server
     * never closed) fails with SocketTimeoutException.
     */
    private static String readUntilEndOrReset(SocketChannel ch) throws IOException {
        InputStream in = blockingInput(ch);
        byte[] sink = new byte[64 * KIB];
        try {
            while (in.read(sink) >= 0) {
                // drop it
            }
            return "end";
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return "reset";
        }
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void idleTimeoutClosesSilentConnections(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.idleTimeout(Duration.ofMillis(200)));
        try (Socket s = clients.connect()) {
            assertThat(readEndOrReset(s)).as("read on a connection left idle").isEqualTo(-1);
        }
        assertThat(stats().connectionsTimedOut()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void shutdownDrainsQuietConnectionsAndCutsWhatCannotFinish(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.poolSize(8).drainTimeout(Duration.ofMillis(500)));
        Socket idle = clients.connect();
        Socket active = clients.connect();
        clients.echo(active, Clients.payload(new Random(5), 10 * KIB));
        SocketChannel stuck = openClientThatNeverReads();
        fillUntilTheServerStopsReading(stuck); // an echo that cannot finish: its client does not read
        ShutdownReport report = server.shutdown();
        assertThat(report.leakedBlocks()).as(report.leakReport()).isZero();
        assertThat(report.stats().connectionsOpen()).isZero();
        assertThat(report.stats().buffers().inUse()).isZero();
        assertThat(report.stats().loops().drained()).as("connections drained").isEqualTo(2);
        assertThat(report.stats().loops().cut()).as("connections cut at the deadline").isEqualTo(1);
        assertThat(readEndOrReset(idle)).isEqualTo(-1);
        assertThat(readEndOrReset(active)).isEqualTo(-1);
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close())
                .as("connecting after shutdown").isInstanceOf(IOException.class);
        assertThat(server.shutdown()).as("a second shutdown").isSameAs(report);
    }

    @ParameterizedTest(name = "{0} --io {1}")
    @MethodSource("pools")
    void shutdownLetsAnEchoInFlightFinishThenSendsFin(String pool, IoModel io) throws Exception {
        start(pool, io, b -> b.drainTimeout(Duration.ofSeconds(60))); // a safety net: the drain ends when the echo does
        // Far more than the socket buffers on both sides hold (a few MiB on loopback), so the echo stalls.
        byte[] data = Clients.payload(new Random(6), 16 * MIB);
        SocketChannel ch = clients.openChannel(8 * KIB);
        Socket s = ch.socket();
        s.setSoTimeout(30_000); // a safety net on every read, as Clients.connect() sets
        Future<Void> writer = clients.submit(() -> {
            s.getOutputStream().write(data);
            return null;
        });
        Await.until("the echo stalls: the client is not reading yet", () -> stats().connectionsWriteBlocked() == 1,
                () -> stats().toLine());
        Future<ShutdownReport> stopping = clients.submit(() -> server.shutdown());
        Await.until("the server stops accepting", this::refusesConnections);
        byte[] got = Clients.readFully(s.getInputStream(), data.length);
        writer.get();
        Clients.assertSame(data, got);
        assertThat(s.getInputStream().read()).as("after the whole echo: the server's FIN").isEqualTo(-1);
        ShutdownReport report = stopping.get();
        assertThat(report.stats().loops().drained()).as("drained").isEqualTo(1);
        assertThat(report.stats().loops().cut()).as("cut").isZero();
        assertThat(report.stats().bytesEchoed()).isEqualTo(data.length);
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
