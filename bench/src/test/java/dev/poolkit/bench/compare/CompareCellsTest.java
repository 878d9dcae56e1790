package dev.poolkit.bench.compare;

import dev.poolkit.bench.Jvm;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which (JDK, collector) cells a compare run measures, per preset and flags: one section each. */
class CompareCellsTest {

    private static List<String> cells(String... args) {
        CompareCommand command = new CompareCommand();
        new CommandLine(command).parseArgs(args);
        return command.jvms().stream().map(Jvm::label).toList();
    }

    @Test
    void theQuickPresetMeasuresThisJvmWithG1Only() {
        assertThat(cells("--quick")).containsExactly(Jvm.current().withGc("G1").label());
    }

    @Test
    void theFullPresetMeasuresThisJdkAndTemurin25EachWithThreeCollectors() {
        assumeTrue(Files.isDirectory(Jvm.TEMURIN_25) && Jvm.current().featureVersion() != 25,
                "no Temurin 25 beside this JDK at " + Jvm.TEMURIN_25);
        Jvm here = Jvm.current();
        Jvm temurin = Jvm.at(Jvm.TEMURIN_25);
        assertThat(cells()).containsExactly(
                here.withGc("G1").label(), here.withGc("ZGC").label(), here.withGc("Parallel").label(),
                temurin.withGc("G1").label(), temurin.withGc("ZGC").label(), temurin.withGc("Parallel").label());
        assertThat(cells()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void theFullPresetWithoutTemurin25MeasuresThisJdkWithThreeCollectors() {
        assumeTrue(!Files.isDirectory(Jvm.TEMURIN_25), "Temurin 25 is installed; the test above covers it");
        assertThat(cells()).hasSize(3);
    }

    @Test
    void javaAndGcFlagsMakeTheirProductInTheOrderGiven() {
        Jvm here = Jvm.current();
        assertThat(cells("--quick", "--gc", "Parallel,G1"))
                .containsExactly(here.withGc("Parallel").label(), here.withGc("G1").label());
    }
}
