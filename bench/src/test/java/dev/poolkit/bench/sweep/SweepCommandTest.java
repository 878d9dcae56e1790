package dev.poolkit.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolkit.bench.load.LoadSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SweepCommandTest {

    @Test
    void theHostileFlagsReachEveryCellsLoad() {
        SweepCommand cmd = new SweepCommand();
        new CommandLine(cmd).parseArgs("--slow-readers", "4", "--non-readers", "16", "-c", "8");
        LoadSpec load = cmd.load();
        assertThat(load.connections()).isEqualTo(8);
        assertThat(load.slowReaders()).isEqualTo(4);
        assertThat(load.nonReaders()).isEqualTo(16);
        assertThat(load.withPort(4242).nonReaders()).as("kept when the port is filled in per cell").isEqualTo(16);
    }
}
