package dev.poolkit.bench.compare;

import dev.poolkit.bench.PoolkitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @Test
    void regeneratesTheReportFromResultsJson(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(Fixtures.results(), dir);
        String before = Files.readString(dir.resolve(ReportWriter.README_TABLE));
        Files.delete(dir.resolve(ReportWriter.README_TABLE));

        int code = cli().execute("report", "--from", dir.resolve(ReportWriter.RESULTS).toString());

        assertThat(code).isZero();
        assertThat(dir.resolve(ReportWriter.README_TABLE)).hasContent(before);
    }

    @Test
    void resultsOfAnOlderCompareAreAUsageErrorThatSaysSo(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("results.json");
        Files.writeString(old, "{\"jmh\": [{\"subject\": \"local\", \"median\": 10.0, \"error\": 1.0}]}");
        StringWriter err = new StringWriter();
        CommandLine cl = cli();
        cl.setErr(new PrintWriter(err));

        assertThat(cl.execute("report", "--from", old.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("was not written by this version of compare");
    }

    @Test
    void regeneratesAMatrixFromItsCellsResults(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(Fixtures.withSeriesAndCosts(), dir.resolve("jdk17-g1"));
        Files.createDirectories(dir.resolve("not-a-cell"));

        int code = cli().execute("report", "--matrix", dir.toString());

        assertThat(code).isZero();
        String md = Files.readString(dir.resolve(Matrix.FILE));
        assertThat(md).contains("## Summary: pooled vs loop-buffer vs none", "## JDK 17 G1",
                "[jdk17-g1/REPORT.md](jdk17-g1/REPORT.md)");
        assertThat(dir.resolve("matrix-throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("jdk17-g1").resolve("echo-throughput.png")).isNotEmptyFile();
    }

    @Test
    void aMatrixDirectoryWithoutCellsIsAUsageErrorThatSaysSo(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = cli();
        cl.setErr(new PrintWriter(err));

        assertThat(cl.execute("report", "--matrix", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no */results.json under");
    }

    private static CommandLine cli() {
        CommandLine cl = PoolkitCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl;
    }
}
