package dev.poolkit.bench.netty;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed amount of work, not a time window: every message is sent, read back whole and compared,
 * so the counts are exact however busy the machine is (the timeouts are only a safety net).
 */
class NettyEchoServerTest {
    private static final int CONNECTIONS = 4;
    private static final int MESSAGES = 25;
    private static final int MAX_SIZE = 64 * 1024;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void echoesEveryByteAndCountsWhatItEchoedAndAllocated() throws Exception {
        try (NettyEchoServer server = new NettyEchoServer("127.0.0.1", 0, 1)) {
            SplittableRandom random = new SplittableRandom(9);
            List<Socket> sockets = new ArrayList<>();
            long sent = 0;
            try {
                for (int c = 0; c < CONNECTIONS; c++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    s.setSoTimeout(30_000);
                    s.setTcpNoDelay(true); // a message tail must not wait for the previous ACK
                    sockets.add(s);
                }
                for (int m = 0; m < MESSAGES; m++) {
                    for (Socket s : sockets) {
                        byte[] message = new byte[1 + random.nextInt(MAX_SIZE)];
                        random.nextBytes(message);
                        sent += echo(s, message);
                    }
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }

            assertThat(server.bytesEchoed()).isEqualTo(sent);
            // at least one read per message, and a read holds at most what one message sent
            assertThat(server.readsEchoed()).isGreaterThanOrEqualTo(CONNECTIONS * MESSAGES);
            assertThat(server.allocatedBytes()).isPositive();
            assertThat(NettyEchoCommand.statsJson(server)).contains("\"loopAllocatedBytes\":", "\"gcCount\":");
        }
    }

    @Test
    void runsOnNettysOwnEventLoopThreadsWithLeakDetectionOff() throws Exception {
        try (NettyEchoServer server = new NettyEchoServer("127.0.0.1", 0, 2)) {
            assertThat(server.eventLoopThreads()).hasSize(2)
                    .allSatisfy(t -> assertThat(t).isInstanceOf(FastThreadLocalThread.class));
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Sends one message and reads it back whole; fails on any differing byte. */
    private static long echo(Socket s, byte[] message) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(message);
        out.flush();
        byte[] back = new byte[message.length];
        new DataInputStream(s.getInputStream()).readFully(back);
        assertThat(back).isEqualTo(message);
        return message.length;
    }
}
