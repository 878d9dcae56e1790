package dev.poolkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolkit.echo.EchoConfig;
import dev.poolkit.echo.EchoServer;
import dev.poolkit.echo.EchoStats;
import dev.poolkit.echo.ShutdownReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

/**
 * The load with hostile clients against our own server (in process): the stalls of slow readers
 * and non-readers keep buffers out at once, so the high-water mark that sweep sizes pools by rises
 * above the one block a closed loop of one event loop ever needs; the measured connections are
 * still served without error.
 */
@Timeout(120)
class HostileLoadOnOurServerTest {

    @Test
    void slowAndSilentClientsRaiseTheHighWaterMarkAndTheOthersAreStillServed() throws Exception {
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("local").port(0).threads(1).poolSize(64)
                .build())) {
            LoadSpec spec = new LoadSpec("127.0.0.1", server.port(), 4, SizeDistribution.parse("4k"),
                    LoadMode.CLOSED_LOOP, 0, Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofSeconds(10),
                    5, 4, 8);
            LoadResult r = LoadGenerator.run(spec);

            assertThat(r.errors()).isEmpty();
            assertThat(r.messages()).isPositive();
            EchoStats s = server.stats();
            assertThat(s.buffers().highWater()).as("most buffers out at once; %s", s.toLine()).isGreaterThan(1);
            assertThat(s.loops().spills()).as("stalled echoes that gave their block back").isPositive();
            ShutdownReport report = server.shutdown();
            assertThat(report.exitCode()).isEqualTo(ShutdownReport.EXIT_OK);
        }
    }
}
