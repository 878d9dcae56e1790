package dev.poolkit.bench.advise;

import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.SizeClass;
import dev.poolkit.bench.load.LoadGenerator;
import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.load.LoadSpec;
import dev.poolkit.bench.load.SizeDistribution;
import dev.poolkit.echo.EchoConfig;
import dev.poolkit.echo.EchoServer;
import dev.poolkit.echo.ShutdownReport;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check, in process: our echo server recorded with Poolkit's settings under a load of
 * fixed 3,000-byte messages; the advisor then recommends one class between 3,000 and 3,375 bytes.
 */
@Timeout(120)
class AdviseEchoServerTest {

    @Test
    void fixed3000ByteMessagesThroughTheEchoServerGetAClassWithinTheBound(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("echo.jfr");
        try (Recording r = new Recording(PoolRecording.settings())) {
            r.start();
            try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("local").port(0).threads(1).poolSize(64)
                    .build())) {
                LoadResult load = LoadGenerator.run(LoadSpec.closedLoop(server.port(), 4, SizeDistribution.fixed(3000),
                        Duration.ofMillis(200), Duration.ofMillis(800)));
                assertThat(load.errors()).isEmpty();
                assertThat(server.shutdown().exitCode()).isEqualTo(ShutdownReport.EXIT_OK);
            }
            r.stop();
            r.dump(jfr);
        }
        Advice a = AdviseCommand.advise(jfr, RecordingReader.Source.AUTO, Advisor.DEFAULT_WASTE,
                Advisor.DEFAULT_HEADROOM, null, 0, "local", dir.resolve("out"),
                new PrintStream(OutputStream.nullOutputStream()));
        assertThat(a.source()).contains("BlockUse");
        assertThat(a.classes()).as("%s", a.classes())
                .anySatisfy(c -> assertThat(c.blockSize()).isBetween(3000, 3375));
        // The class that serves 3,000 bytes serves (nearly) every request.
        assertThat(a.classes().stream().filter(c -> c.smallest() <= 3000 && c.largest() >= 3000)
                .mapToDouble(Advice.ClassAdvice::share).sum()).isGreaterThan(0.9);
        assertThat(a.peakInUse()).isPositive();
    }

    @Test
    void theServerWithSizeClassesMovesEachConnectionToTheClassItsReadsNeed() throws Exception {
        try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("local").port(0).threads(1)
                .sizeClasses(List.of(new SizeClass(1024, 16), new SizeClass(4096, 16), new SizeClass(16384, 16)))
                .build())) {
            LoadResult load = LoadGenerator.run(LoadSpec.closedLoop(server.port(), 2, SizeDistribution.fixed(12_000),
                    Duration.ofMillis(100), Duration.ofMillis(500)));
            assertThat(load.errors()).isEmpty();
            assertThat(load.messages()).isPositive();
            assertThat(server.stats().blockSize()).isEqualTo(16384);
            assertThat(server.shutdown().exitCode()).isEqualTo(ShutdownReport.EXIT_OK);
        }
    }
}
