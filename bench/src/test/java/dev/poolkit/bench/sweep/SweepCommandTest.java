package dev.poolkit.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolkit.bench.load.LoadSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

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

    @Test
    void classSetsBecomeCellsBesideTheSingleSizes() {
        SweepCommand cmd = new SweepCommand();
        new CommandLine(cmd).parseArgs("--backends", "local", "--block-sizes", "4k", "--pool-sizes", "16,64",
                "--class-sets", "64,4k,64k:32,16,4;1k,4k");
        List<SweepCommand.Cell> cells = cmd.grid();
        assertThat(cells).hasSize(2 + 1 + 2);
        SweepCommand.Cell set = cells.get(2);
        assertThat(set.classSet()).isEqualTo("64,4096,65536:32,16,4");
        assertThat(set.blockSize()).isEqualTo(65536);
        assertThat(set.poolSize()).isEqualTo(52);
        assertThat(set.slabBytes()).isEqualTo(32L * 64 + 16L * 4096 + 4L * 65536);
        assertThat(cells.get(3).classSet()).isEqualTo("1024,4096:16,16");
        assertThat(cells.get(4).classSet()).isEqualTo("1024,4096:64,64");
        assertThatThrownBy(() -> {
            SweepCommand bad = new SweepCommand();
            new CommandLine(bad).parseArgs("--class-sets", "1k,4k:1,2,3");
            bad.grid();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 counts for 2 sizes");
    }

    @Test
    void theReportSaysWhetherTheClassesOrOneSizeWon() {
        SweepPoint one = new SweepPoint("local", 65536, 64, 65536L * 64, 10_000, 500, 0, 10L, 0L, 0L, null);
        SweepPoint classes = new SweepPoint("local", 65536, 52, 32L * 64 + 16L * 4096 + 4L * 65536, 9_900, 510, 0, 10L,
                0L, 0L, null, "64,4096,65536:32,16,4");
        Recommendation r = Recommender.classesAgainstSingle(List.of(one, classes), 5);
        assertThat(r.choice()).isSameAs(classes);
        assertThat(String.join(" ", r.reasons())).contains("Winner: the size classes", "smaller footprint");
        SweepPoint slow = new SweepPoint("local", 65536, 52, 1024, 5_000, 510, 0, 10L, 0L, 0L, null, "64:1");
        assertThat(Recommender.classesAgainstSingle(List.of(one, slow), 5).choice()).isSameAs(one);
        assertThat(Recommender.classesAgainstSingle(List.of(one), 5)).isNull();
    }
}
