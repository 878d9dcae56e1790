package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The figure the server exists to show: heap bytes its event loops allocate per echoed message.
 * Measured over a steady stream after a warm-up (which pays for class loading, thread-local
 * setup and connection objects), so what remains is the per-read cost: a fresh buffer for
 * {@code none}, less than that with any pool, and nothing at all with a backend whose acquire and
 * release allocate nothing (the server's own hot path allocates nothing).
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
    void withoutAPoolEveryMessageAllocatesAFreshBuffer() throws Exception {
        assertThat(steadyBytesPerMessage(EchoConfig.NO_POOL)).as("bytes allocated per message without a pool")
                .isGreaterThanOrEqualTo(BLOCK_SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void withAPoolTheServerItselfAllocatesNothingPerMessage(String backend) throws Exception {
        double perMessage = steadyBytesPerMessage(backend);
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

    /** Event-loop bytes allocated per message over 32 MiB streamed through one connection, after 16 MiB of warm-up. */
    private static double steadyBytesPerMessage(String pool) throws Exception {
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool(pool).port(0).threads(1)
                .blockSize(BLOCK_SIZE).build());
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
            return (double) (after.loopAllocatedBytes() - before.loopAllocatedBytes()) / messages;
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
