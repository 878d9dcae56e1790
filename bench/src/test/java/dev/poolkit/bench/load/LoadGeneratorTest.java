package dev.poolkit.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a run must show whatever the machine's speed: every connection sends its first message at
 * the start and the run ends only when every message in flight is back (or timed out), so
 * {@code totalMessages} counts at least one per connection. Assertions rest on that count, not on
 * how many messages fit into the measurement window.
 */
class LoadGeneratorTest {

    private static LoadSpec closedLoop(int port, String sizes, int connections, int threads) {
        return new LoadSpec("127.0.0.1", port, connections, SizeDistribution.parse(sizes), LoadMode.CLOSED_LOOP, 0,
                Duration.ofMillis(100), Duration.ofMillis(500), threads, Duration.ofSeconds(5), 7);
    }

    @Test
    void anHonestServerEchoesEverythingWithoutErrors() throws Exception {
        try (TestEchoServer server = TestEchoServer.honest()) {
            LoadResult r = LoadGenerator.run(closedLoop(server.port(), "1-20k", 8, 2));

            assertThat(r.errors()).isEmpty();
            assertThat(r.totalMessages()).isGreaterThanOrEqualTo(Math.max(8, r.messages()));
            assertThat(r.bytes()).isGreaterThanOrEqualTo(r.messages());
            assertThat(r.latency().count()).isEqualTo(r.messages());
            assertThat(r.latency().p99Us()).isLessThanOrEqualTo(r.latency().maxUs());
            assertThat(r.uncorrected()).isNull();
        }
    }

    @Test
    void messagesLargerThanSocketBuffersComeBackWhole() throws Exception {
        try (TestEchoServer server = TestEchoServer.honest()) {
            LoadResult r = LoadGenerator.run(closedLoop(server.port(), "2m", 2, 1));

            assertThat(r.errors()).isEmpty();
            assertThat(r.totalMessages()).isGreaterThanOrEqualTo(2); // each came back whole, or it is an error
            assertThat(r.bytes()).isEqualTo(r.messages() * (2L << 20));
        }
    }

    @Test
    void aServerThatFlipsOneByteIsCaught() throws Exception {
        // inside the connections' first messages (4 x 4096 B), which are always sent and awaited
        try (TestEchoServer server = TestEchoServer.corrupting(5_000)) {
            LoadResult r = LoadGenerator.run(closedLoop(server.port(), "4k", 4, 1));

            assertThat(r.errors()).containsEntry("CORRUPT", 1L);
            assertThat(r.firstError()).startsWith("CORRUPT: byte ").contains("came back as");
        }
    }

    @Test
    void noServerIsAConnectErrorNotAHang() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LoadResult r = LoadGenerator.run(closedLoop(closedPort, "64", 2, 1));

        assertThat(r.errors()).containsEntry("CONNECT", 2L);
        assertThat(r.messages()).isZero();
    }

    /**
     * A 300 ms stall at 1000 msg/s: every message due during the stall is late. Measured from when
     * each was due, about 300 of them are slow; measured from the actual send, as a naive client
     * would, only the few in flight when the stall began are. Loose bounds: the point is the
     * order of magnitude.
     */
    @Test
    void fixedRateChargesAStallToEveryMessageItDelayed() throws Exception {
        try (TestEchoServer server = TestEchoServer.stalling(64 * 300, 300)) {
            LoadSpec spec = new LoadSpec("127.0.0.1", server.port(), 4, SizeDistribution.fixed(64),
                    LoadMode.FIXED_RATE, 1000, Duration.ZERO, Duration.ofMillis(1500), 1, Duration.ofSeconds(5), 3);

            LoadResult r = LoadGenerator.run(spec);

            assertThat(server.stalled()).isTrue();
            assertThat(r.errors()).isEmpty();
            assertThat(r.latency().maxUs()).as("corrected max").isGreaterThan(250_000);
            // ~200 of ~1500 messages were due in the stall's first 200 ms: over 10% exceed 100 ms
            assertThat(r.latency().p90Us()).as("corrected p90").isGreaterThan(100_000);
            // a naive client only sees the <= 4 messages in flight when the stall began: under 1%
            assertThat(r.uncorrected().p99Us()).as("naive p99").isLessThan(100_000);
        }
    }

    /**
     * A stall that outlasts the window: the messages that fell due during it, before the window's
     * end, are still sent once the server answers, and every one is recorded (4 connections x 250
     * messages due in 1 s at 1000/s); a client that stopped at the window's end would miss ~300.
     */
    @Test
    void fixedRateStillSendsAndRecordsMessagesAStallHeldPastTheWindow() throws Exception {
        try (TestEchoServer server = TestEchoServer.stalling(64 * 700, 600)) {
            LoadSpec spec = new LoadSpec("127.0.0.1", server.port(), 4, SizeDistribution.fixed(64),
                    LoadMode.FIXED_RATE, 1000, Duration.ZERO, Duration.ofMillis(1000), 1, Duration.ofSeconds(5), 3);

            LoadResult r = LoadGenerator.run(spec);

            assertThat(server.stalled()).isTrue();
            assertThat(r.errors()).isEmpty();
            assertThat(r.messages()).as("messages due in the window, all sent and recorded").isEqualTo(1000);
            assertThat(r.latency().maxUs()).as("the last held-back message waited out the stall").isGreaterThan(250_000);
        }
    }

    @Test
    void hostileClientsLoadTheServerButOnlyTheNormalConnectionsAreMeasured() throws Exception {
        try (TestEchoServer server = TestEchoServer.honest()) {
            LoadResult r = LoadGenerator.run(closedLoop(server.port(), "4k", 4, 1).withHostile(2, 3));

            assertThat(r.errors()).isEmpty();
            assertThat(r.messages()).isPositive();
            assertThat(r.latency().count()).as("latencies recorded: the measured connections' only")
                    .isEqualTo(r.messages());
            HostileSummary h = r.hostile();
            assertThat(h.slowReaders()).isEqualTo(2);
            assertThat(h.nonReaders()).isEqualTo(3);
            assertThat(h.bytesSent()).as("bytes the hostile clients got the server to take").isPositive();
            assertThat(h.bytesRead()).as("bytes the slow readers read back").isPositive();
            assertThat(r.load()).contains("beside 2 slow readers and 3 non-readers (not measured)");
            assertThat(r.format()).contains("hostile:    2 slow readers and 3 non-readers connected throughout");
        }
    }

    @Test
    void withoutHostileClientsThereIsNoHostileSummary() throws Exception {
        try (TestEchoServer server = TestEchoServer.honest()) {
            LoadResult r = LoadGenerator.run(closedLoop(server.port(), "64", 2, 1));
            assertThat(r.hostile()).isNull();
            assertThat(r.format()).doesNotContain("hostile:");
        }
    }

    @Test
    void aNegativeHostileCountIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> closedLoop(1, "64", 1, 1).withHostile(-1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slow-readers");
    }
}
