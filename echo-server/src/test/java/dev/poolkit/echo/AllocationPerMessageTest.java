package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The figure the server exists to show: heap bytes its event loops allocate per echoed message.
 * Measured over a steady stream after a warm-up (which pays for class loading, thread-local
 * setup and connection objects), so what remains is the per-read cost: a fresh buffer for
 * {@code none}; for a pool, what the backend itself allocates per acquire and release (measured
 * here on its own) plus what the server adds, which must be nothing.
 */
@Timeout(120)
class AllocationPerMessageTest {
    private static final int MIB = 1024 * 1024;
    /** What the server's own hot path may add per message: it allocates nothing, so this is noise. */
    private static final double SERVER_MAX_BYTES_PER_MESSAGE = 1.0;

    static Iterable<String> pools() {
        return EchoConfig.poolNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void eventLoopsAllocateNothingPerMessageWithAPoolAndABufferPerMessageWithout(String pool) throws Exception {
        int blockSize = 4096;
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool(pool).port(0).threads(1)
                .blockSize(blockSize).build());
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
            double perMessage = (double) (after.loopAllocatedBytes() - before.loopAllocatedBytes()) / messages;
            assertThat(messages).isPositive();
            if (pool.equals(EchoConfig.NO_POOL)) {
                assertThat(perMessage).as("bytes allocated per message without a pool").isGreaterThanOrEqualTo(blockSize);
            } else {
                double backendCost = backendBytesPerAcquireRelease(pool, blockSize);
                assertThat(perMessage).as("bytes allocated per message with pool %s, whose acquire + release alone"
                        + " allocate %.2f bytes", pool, backendCost)
                        .isLessThanOrEqualTo(backendCost + SERVER_MAX_BYTES_PER_MESSAGE);
            }
        }
    }

    /** Heap bytes one acquire + release of the backend allocates on the calling thread, once warmed up. */
    private static double backendBytesPerAcquireRelease(String backend, int blockSize) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BlockPool pool = Pools.blockPool(backend, BlockPoolConfig.builder().blockSize(blockSize).capacity(16)
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
