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

    private static CommandLine cli() {
        CommandLine cl = PoolkitCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl;
    }
}
