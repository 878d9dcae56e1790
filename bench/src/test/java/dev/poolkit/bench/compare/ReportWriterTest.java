package dev.poolkit.bench.compare;

import dev.poolkit.bench.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void writesReportJsonReadmeTableAndChartsFromTheResults(@TempDir Path dir) throws Exception {
        CompareResults r = Fixtures.results();

        ReportWriter.writeAll(r, dir);

        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).contains("Test JDK 17", "2026-01-02T03:04:05Z", "2 x Test CPU", "abc1234",
                "./poolkit compare --quick", "**7 met, 3 missed, 2 not measured.**",
                "| local pair, 1 thread", "MISSED", "NOT MEASURED: no 'jctools' row",
                "\"preset\": \"quick\"", "![jmh-pair.png](jmh-pair.png)");
        assertThat(md).contains("| netty ").contains("failed");
        for (String png : new String[]{"jmh-pair.png", "echo-throughput.png", "echo-latency.png"}) {
            assertThat(dir.resolve(png)).isNotEmptyFile();
            assertThat(Files.readAllBytes(dir.resolve(png))).startsWith(0x89, 'P', 'N', 'G');
        }
        String table = Files.readString(dir.resolve(ReportWriter.README_TABLE));
        assertThat(table).contains("Measured by `./poolkit compare --quick` on 2026-01-02, Test JDK 17, 2 x Test CPU")
                .contains("| local ").contains("100,500 ± 500");
    }

    @Test
    void resultsJsonReadsBackToTheSameNumbers(@TempDir Path dir) throws Exception {
        CompareResults r = Fixtures.results();
        ReportWriter.writeAll(r, dir);

        CompareResults back = Json.read(dir.resolve(ReportWriter.RESULTS), CompareResults.class);

        assertThat(back.environment()).isEqualTo(r.environment());
        assertThat(back.settings()).isEqualTo(r.settings());
        assertThat(back.jmh()).hasSameSizeAs(r.jmh());
        assertThat(back.jmh().get(0).median()).isEqualTo(4.5);
        assertThat(back.jmh().get(7).median()).isNaN(); // a failed row stays "unknown"
        assertThat(back.echo().get(0).msgPerSec()).isEqualTo(r.echo().get(0).msgPerSec());
        assertThat(back.targets()).isEqualTo(r.targets());
        // what the report is made of can be made again from the JSON alone
        assertThat(ReadmeTable.of(back)).isEqualTo(ReadmeTable.of(r));
    }

    @Test
    void echoSummaryTakesMediansAndTheSpread() {
        EchoSummary local = Fixtures.results().echo().get(0);
        assertThat(local.msgPerSec()).isEqualTo(100_500);
        assertThat(local.msgPerSecError()).isEqualTo(500);
        assertThat(local.bytesPerMessage()).isCloseTo(1_000 / 400_000.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(local.poolHighWater()).isEqualTo(1024L);
    }
}
