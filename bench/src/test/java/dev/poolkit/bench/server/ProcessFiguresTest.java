package dev.poolkit.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFiguresTest {

    @Test
    void collectorPausesAreReadFromTheSafepointLogAndOtherSafepointsLeftOut(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("safepoints.log");
        Files.writeString(log, String.join("\n",
                "[0.101s][info][safepoint] Safepoint \"G1CollectForAllocation\", Time since last: 1 ns, Reaching"
                        + " safepoint: 10 ns, Cleanup: 1 ns, At safepoint: 1200000 ns, Total: 1200011 ns",
                "[0.202s][info][safepoint] Safepoint \"ICBufferFull\", Time since last: 1 ns, Reaching safepoint: 5 ns,"
                        + " At safepoint: 900 ns, Total: 905 ns",
                "[0.303s][info][safepoint] Safepoint \"ZMarkStartYoung\", Time since last: 1 ns, Reaching"
                        + " safepoint: 7 ns, At safepoint: 30000 ns, Total: 30007 ns",
                "[0.404s][info][safepoint] Safepoint \"ParallelGCFailedAllocation\", Time since last: 1 ns,"
                        + " Reaching safepoint: 7 ns, At safepoint: 5000000 ns, Total: 5000007 ns"));
        assertThat(ProcessFigures.gcPauses(log)).containsExactly(1200011L, 30007L, 5000007L);
        assertThat(ProcessFigures.gcPauses(dir.resolve("missing.log"))).isEmpty();
    }

    @Test
    void thisProcessHasCpuTimeAndResidentMemory() {
        long pid = ProcessHandle.current().pid();
        double cpu0 = ProcessFigures.cpuNanos(pid);
        long x = 0;
        for (int i = 0; i < 50_000_000; i++) {
            x += i ^ (x >>> 3);
        }
        assertThat(x).isNotZero();
        if (Files.exists(Path.of("/proc/self/stat"))) {
            assertThat(cpu0).isPositive();
            assertThat(ProcessFigures.cpuNanos(pid)).isGreaterThanOrEqualTo(cpu0);
            assertThat(ProcessFigures.rssBytes(pid)).isGreaterThan(1 << 20);
        }
        assertThat(ProcessFigures.ownCpuNanos()).isPositive();
    }
}
