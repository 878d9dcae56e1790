package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounded chaos run of the shaded jar for every pool, both exhaustion policies and every I/O model
 * this JVM runs (virtual threads on Java 21+): normal
 * clients, slow readers, non-readers, resetting and half-closing clients at once, against a pool
 * too small for them all. The run is bounded by work (bytes and connection counts, not time);
 * then SIGTERM, with the slow and silent clients still connected. Asserts that every byte came back
 * to the normal, slow and half-closing clients, that the server counted no error, that every
 * buffer is back in the pool and that it exits 0.
 */
@Timeout(300) // a safety net only
class ChaosIT {
    private static final int KIB = 1024;
    /** Far fewer blocks than clients: the pool runs dry whenever a few echoes stall at once. */
    private static final int POOL_SIZE = 4;
    private static final int NORMAL_CLIENTS = 8;
    private static final long NORMAL_BYTES_EACH = 2L << 20;
    private static final int SLOW_READERS = 4;
    private static final int NON_READERS = 8;
    private static final int RESETTERS = 30;
    private static final int HALF_CLOSERS = 30;

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (IoModel io : IoModels.available().toArray(IoModel[]::new)) {
            for (String pool : EchoConfig.poolNames()) {
                for (BufferExhaustion e : BufferExhaustion.values()) {
                    // none and loop-buffer have no pool to exhaust
                    if (!pool.equals(EchoConfig.NO_POOL) && !pool.equals(EchoConfig.LOOP_BUFFER) || e == BufferExhaustion.WAIT) {
                        runs.add(Arguments.of(pool, e.flag(), io.flag()));
                    }
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} --exhaustion {1} --io {2}")
    @MethodSource("runs")
    void normalSlowSilentResettingAndHalfClosingClientsAtOnce(String pool, String exhaustion, String io)
            throws Exception {
        long seed = System.nanoTime();
        try (EchoProcess server = EchoProcess.start(dir.resolve("stderr"), "--pool", pool, "--exhaustion", exhaustion, "--io", io,
                "--pool-size", String.valueOf(POOL_SIZE), "--threads", "2", "--port", "0", "--stats-interval", "0",
                // Stalled echoes keep their blocks for a second unless the pool runs dry: so it does.
                "--spill-after", "1s", "--drain-timeout", "500ms");
             Chaos chaos = new Chaos(server.port(), seed)) {
            chaos.nonReaders(NON_READERS);
            chaos.slowReaders(SLOW_READERS);
            Future<Long> normal = chaos.normal(NORMAL_CLIENTS, NORMAL_BYTES_EACH);
            Future<Long> resets = chaos.resetters(RESETTERS);
            Future<Long> halfClosed = chaos.halfClosers(HALF_CLOSERS);
            long normalBytes;
            long halfClosedBytes;
            try {
                normalBytes = normal.get(120, TimeUnit.SECONDS);
                resets.get(120, TimeUnit.SECONDS);
                halfClosedBytes = halfClosed.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
            }
            assertThat(normalBytes).isEqualTo(NORMAL_CLIENTS * NORMAL_BYTES_EACH);
            assertThat(chaos.slowBytesChecked()).as("bytes the slow readers got back and checked").isPositive();

            chaos.stopping(); // the slow and silent clients are still connected: the drain cuts them
            int exit = server.terminate();
            chaos.checkHostile();
            assertThat(exit).as("exit status; stderr: %s; output: %s", server.stderr(), server.lines()).isZero();
            assertThat(server.finalStats()).contains("\"failure\":null");
            assertThat(server.finalFigure("poolInUse")).as("buffers out after SIGTERM").isZero();
            assertThat(server.finalFigure("leakedBlocks")).isZero();
            assertThat(server.finalFigure("connectionErrors")).as("unexpected errors").isZero();
            assertThat(server.finalFigure("loopFailures")).isZero();
            assertThat(server.finalFigure("connectionsOpen")).isZero();
            assertThat(server.finalFigure("connectionsReset")).as("resets").isGreaterThanOrEqualTo(RESETTERS);
            assertThat(server.finalFigure("bytesEchoed")).isGreaterThanOrEqualTo(normalBytes + halfClosedBytes);
            // Non-readers can only be cut; a slow reader is drained instead if its client falls silent for
            // the drain's quiet period (a busy machine may hold its threads that long).
            assertThat(server.finalFigure("connectionsCut")).as("silent clients cut by the drain")
                    .isGreaterThanOrEqualTo(NON_READERS);
            assertThat(server.finalFigure("connectionsCut") + server.finalFigure("connectionsDrained"))
                    .as("slow and silent clients ended by the drain; %s", server.finalStats())
                    .isEqualTo(NON_READERS + SLOW_READERS);
            if (!pool.equals(EchoConfig.NO_POOL) && !pool.equals(EchoConfig.LOOP_BUFFER)) {
                assertThat(server.finalFigure("poolExhaustions")).as("times the pool ran dry").isPositive();
            }
        }
    }
}
