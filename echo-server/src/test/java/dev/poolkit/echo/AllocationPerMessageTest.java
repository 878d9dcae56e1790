package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The figure the server exists to show: heap bytes its event loops allocate per echoed message.
 * Measured over a steady stream after a warm-up (which pays for class loading, thread-local
 * setup and connection objects), so what remains is the per-event cost: one fresh buffer per
 * readiness event for {@code none}, less than that with any pool, and nothing at all with a backend
 * whose acquire and release allocate nothing (the server's own hot path allocates nothing). Stalled
 * echoes are never spilled here ({@code --spill-after} far away): a spill's heap copy is the slow
 * path's cost, not the hot path's.
 */
@Timeout(120)
class AllocationPerMessageTest {
    private static final int MIB = 1024 * 1024;
    /** What the server's own hot path may add per message: it allocates nothing, so this is noise. */
    private static final double SERVER_MAX_BYTES_PER_MESSAGE = 1.0;

    private static final int BLOCK_SIZE = 4096;

    static Iterable<String> backends() {
        return Pools.names();
    }

    @Test
    void withoutAPoolEveryReadinessEventAllocatesOneFreshBuffer() throws Exception {
        Figures f = steadyStream(EchoConfig.NO_POOL);
        assertThat(f.allocated / (double) f.leases).as("bytes allocated per buffer lease without a pool")
                .isBetween((double) BLOCK_SIZE, 2.0 * BLOCK_SIZE);
    }

    @Test
    void withoutAPoolAMessageOfOneBlockAllocatesOneBufferNotTwo() throws Exception {
        try (EchoServer server = EchoServer.start(config(EchoConfig.NO_POOL));
             Clients clients = new Clients(server.port());
             Socket s = clients.connect()) {
            Random random = new Random(2);
            for (int i = 0; i < 1000; i++) {
                clients.echo(s, Clients.payload(random, BLOCK_SIZE)); // warm-up
            }
            EchoStats before = server.stats();
            int messages = 1000;
            for (int i = 0; i < messages; i++) {
                clients.echo(s, Clients.payload(random, BLOCK_SIZE)); // one at a time
            }
            EchoStats after = server.stats();
            double perMessage = (double) (after.loopAllocatedBytes() - before.loopAllocatedBytes()) / messages;
            // Once, a read that filled the buffer was followed by a read into a second fresh one.
            assertThat(perMessage).as("bytes allocated per %d-byte message without a pool", BLOCK_SIZE)
                    .isBetween(BLOCK_SIZE / 2.0, 1.5 * BLOCK_SIZE);
        }
    }

    @Test
    void withOneBufferPerLoopAStreamTheClientTakesAllocatesNothingPerMessage() throws Exception {
        // The client reads every echo at once, so no tail is ever copied: the loop's one buffer serves all reads.
        Figures f = steadyStream(EchoConfig.LOOP_BUFFER);
        assertThat(f.leases).isPositive();
        assertThat((double) f.allocated / f.messages).as("bytes allocated per message with %s",
                EchoConfig.LOOP_BUFFER).isLessThanOrEqualTo(SERVER_MAX_BYTES_PER_MESSAGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void withAPoolTheServerItselfAllocatesNothingPerMessage(String backend) throws Exception {
        Figures f = steadyStream(backend);
        double perMessage = (double) f.allocated / f.messages;
        assertThat(perMessage).as("bytes allocated per message with pool %s, against a fresh %d-byte buffer per"
                + " read without one", backend, BLOCK_SIZE).isLessThan(BLOCK_SIZE);
        // The server's own share can only be seen through a backend that allocates nothing itself;
        // one that does (commons: its bookkeeping) allocates a varying amount, as the JIT's escape
        // analysis removes some of it in one context and not in another.
        double backendCost = backendBytesPerAcquireRelease(backend);
        assumeTrue(backendCost < SERVER_MAX_BYTES_PER_MESSAGE, () -> "backend " + backend + " allocates "
                + backendCost + " bytes per acquire + release by itself, so the server's share of its "
                + perMessage + " bytes per message cannot be isolated");
        assertThat(perMessage).as("bytes allocated per message with pool %s, which allocates nothing itself", backend)
                .isLessThanOrEqualTo(SERVER_MAX_BYTES_PER_MESSAGE);
    }

    /** What the event loops did over 32 MiB streamed through one connection, after 16 MiB of warm-up. */
    private record Figures(long messages, long leases, long allocated) {
    }

    private static EchoConfig config(String pool) {
        return EchoConfig.builder().pool(pool).port(0).threads(1).blockSize(BLOCK_SIZE)
                .writeTimeout(Duration.ZERO).spillAfter(Duration.ofDays(1)).build();
    }

    private static Figures steadyStream(String pool) throws Exception {
        try (EchoServer server = EchoServer.start(config(pool));
             Clients clients = new Clients(server.port());
             Socket s = clients.connect()) {
            Random random = new Random(1);
            for (int i = 0; i < 8; i++) {
                clients.echo(s, Clients.payload(random, 2 * MIB)); // warm-up: JIT, TLABs, first-use setup
            }
            byte[] data = Clients.payload(random, 2 * MIB);
            EchoStats before = server.stats();
            for (int i = 0; i < 16; i++) {
                clients.echo(s, data);
            }
            EchoStats after = server.stats();
            long messages = after.messagesEchoed() - before.messagesEchoed();
            assertThat(messages).isPositive();
            return new Figures(messages, after.buffers().acquires() - before.buffers().acquires(),
                    after.loopAllocatedBytes() - before.loopAllocatedBytes());
        }
    }

    /** Heap bytes one acquire + release of the backend allocates on the calling thread, once warmed up. */
    private static double backendBytesPerAcquireRelease(String backend) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BlockPool pool = Pools.blockPool(backend, BlockPoolConfig.builder().blockSize(BLOCK_SIZE).capacity(16)
                .build())) {
            int cycles = 100_000;
            for (int i = 0; i < cycles; i++) {
                pool.release(pool.acquire());
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < cycles; i++) {
                pool.release(pool.acquire());
            }
            return (double) (threads.getCurrentThreadAllocatedBytes() - before) / cycles;
        }
    }
}
