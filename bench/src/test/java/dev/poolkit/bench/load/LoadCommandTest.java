package dev.poolkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {

    private static LoadSpec spec(String... args) {
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.spec();
    }

    @Test
    void hostileClientsAreNoneByDefault() {
        LoadSpec s = spec("--port", "7007");
        assertThat(s.slowReaders()).isZero();
        assertThat(s.nonReaders()).isZero();
        assertThat(s.hostile()).isFalse();
    }

    @Test
    void theHostileFlagsReachTheSpecBesideTheMeasuredConnections() {
        LoadSpec s = spec("--port", "7007", "-c", "16", "--slow-readers", "8", "--non-readers", "200");
        assertThat(s.connections()).isEqualTo(16);
        assertThat(s.slowReaders()).isEqualTo(8);
        assertThat(s.nonReaders()).isEqualTo(200);
        assertThat(s.describe()).startsWith("16 connections").endsWith("beside 8 slow readers and 200 non-readers"
                + " (not measured)");
    }
}
