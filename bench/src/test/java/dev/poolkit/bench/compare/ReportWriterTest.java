package dev.poolkit.bench.compare;

import dev.poolkit.bench.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void writesReportJsonReadmeTableAndChartsFromTheResults(@TempDir Path dir) throws Exception {
        CompareResults r = Fixtures.results();

        ReportWriter.writeAll(r, dir);

        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).contains("Test JDK 17", "2026-01-02T03:04:05Z", "2 vCPUs (Test CPU)", "abc1234",
                "./poolkit compare --quick", "seed 1234", "| local against Stormpot, 1 thread", "MISSED",
                "INCONCLUSIVE: the interval straddles 0.90", "NOT MEASURED: no 'jctools' row",
                "\"preset\": \"quick\"", "![jmh-pair.png](jmh-pair.png)");
        assertThat(md).contains("| netty-pooled ").contains("failed");
        for (String png : new String[]{"jmh-pair.png", "echo-throughput.png", "echo-latency.png"}) {
            assertThat(dir.resolve(png)).isNotEmptyFile();
            assertThat(Files.readAllBytes(dir.resolve(png))).startsWith(0x89, 'P', 'N', 'G');
        }
        String table = Files.readString(dir.resolve(ReportWriter.README_TABLE));
        assertThat(table).contains("Measured by `./poolkit compare --quick` on 2026-01-02, Test JDK 17, 2 vCPUs (Test CPU)")
                .contains("| local ").contains("100,500 [");
    }

    @Test
    void everyNumberAboutTheRunIsReadFromTheResults(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(Fixtures.results(), dir);
        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        // the trials' JVM arguments, heap and collector, as the rows recorded them
        assertThat(md).contains("-Xms1g -Xmx1g -XX:+UseG1GC", "heap 1g, G1 collector");
        // the geometry, from the rows' parameters
        assertThat(md).contains("buffer pools hold 1024 blocks (`capacity`)");
        assertThat(md).doesNotContain("JDK default GC", "~300-byte", "2 x Test CPU");
        // every row says how it is configured
        assertThat(md).contains("| raw-local ", "Bare twin of `local`");
    }

    @Test
    void theReportShowsTwinRatiosAtomicCostsAndMarksNoisyCells(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(Fixtures.results(), dir);
        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).contains("| freelist / raw-freelist", "1.31x [", "| commons / raw-commons", "1.10x [");
        assertThat(md).contains("**AtomicCost**", "| cas ", "`cas` 4.40 [");
        assertThat(md).containsPattern("\\| none-direct +\\| 600 \\[[^|]*\\] \\(!\\)");
    }

    @Test
    void resultsJsonReadsBackToTheSameReport(@TempDir Path dir) throws Exception {
        CompareResults r = Fixtures.results();
        ReportWriter.writeAll(r, dir);

        CompareResults back = Json.read(dir.resolve(ReportWriter.RESULTS), CompareResults.class);

        assertThat(back.environment()).isEqualTo(r.environment());
        assertThat(back.settings()).isEqualTo(r.settings());
        assertThat(back.scheduleSeed()).isEqualTo(1234L);
        assertThat(back.jmh()).hasSameSizeAs(r.jmh());
        assertThat(back.jmh().get(0).time()).isEqualTo(r.jmh().get(0).time());
        assertThat(back.jmh().get(12).time().measured()).isFalse(); // a failed row stays "unknown"
        assertThat(back.echo().get(0).msgPerSec()).isEqualTo(r.echo().get(0).msgPerSec());
        assertThat(back.targets()).isEqualTo(r.targets());
        // what the report is made of can be made again from the JSON alone
        assertThat(ReadmeTable.of(back)).isEqualTo(ReadmeTable.of(r));
        assertThat(ReportWriter.markdown(back, java.util.List.of(), java.util.List.of()))
                .isEqualTo(ReportWriter.markdown(r, java.util.List.of(), java.util.List.of()));
    }

    @Test
    void echoSummaryTakesMeansOverRounds() {
        EchoSummary local = Fixtures.results().echo().get(0);
        assertThat(local.msgPerSec().value()).isEqualTo(100_500);
        assertThat(local.msgPerSec().low()).isBetween(100_000.0, 100_500.0);
        assertThat(local.msgPerSec().high()).isBetween(100_500.0, 101_000.0);
        assertThat(local.bytesPerMessage().value()).isCloseTo(1_000 / 400_000.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(local.poolHighWater()).isEqualTo(1024L);
    }

    @Test
    void theReportHasTheFixedRateSeriesCostsTwoLoopsAndReadsPoolsAgainstLoopBuffer(@TempDir Path dir)
            throws Exception {
        CompareResults r = Fixtures.withSeriesAndCosts();
        List<Path> charts = ReportWriter.writeAll(r, dir);
        String md = Files.readString(dir.resolve(ReportWriter.REPORT));

        assertThat(md).contains("### Latency at fixed rates (no coordinated omission)", "### Cost per message",
                "### Two event loops, one shared pool", "runs/latency-local-75.hgrm", "0.95 (saturated)");
        assertThat(md).contains("Does pooling pay? Against `loop-buffer`");
        // local's mean 100,500 msg/s over loop-buffer's 50,500
        assertThat(md).containsPattern("`local` 1\\.99x");
        assertThat(md).doesNotContain("loop-buffer echo allocation");
        assertThat(charts).extracting(p -> p.getFileName().toString()).contains("latency-vs-throughput.png");

        ReportWriter.writeAll(Json.read(dir.resolve(ReportWriter.RESULTS), CompareResults.class), dir.resolve("again"));
        assertThat(Files.readString(dir.resolve("again").resolve(ReportWriter.REPORT)))
                .contains("runs/latency-loop-buffer-90.hgrm", "### Two event loops, one shared pool");
    }

    @Test
    void theMatrixIsWrittenWithItsCharts(@TempDir Path dir) throws Exception {
        CompareResults r = Fixtures.withSeriesAndCosts();
        dev.poolkit.bench.Jvm g1 = dev.poolkit.bench.Jvm.current().withGc("G1");
        dev.poolkit.bench.Jvm zgc = dev.poolkit.bench.Jvm.current().withGc("ZGC");
        Matrix.write(List.of(new Matrix.Cell(g1, g1.slug(), r), new Matrix.Cell(zgc, zgc.slug(), r)), dir);
        assertThat(dir.resolve(Matrix.FILE)).content().contains("matrix-throughput.png", "matrix-p99-at-75.png");
        assertThat(dir.resolve("matrix-throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("matrix-p99-at-75.png")).isNotEmptyFile();
    }

    @Test
    void theMatrixSummaryHasARowPerJdkCollectorAndServerWithItsRatioToLoopBuffer() {
        CompareResults r = Fixtures.withSeriesAndCosts();
        dev.poolkit.bench.Jvm g1 = dev.poolkit.bench.Jvm.current().withGc("G1");
        dev.poolkit.bench.Jvm zgc = dev.poolkit.bench.Jvm.current().withGc("ZGC");
        String md = Matrix.markdown(List.of(new Matrix.Cell(g1, g1.slug(), r), new Matrix.Cell(zgc, zgc.slug(), r)));

        assertThat(md).contains("## " + g1.label(), "## " + zgc.label(), "(" + zgc.slug() + "/REPORT.md)");
        assertThat(md).containsPattern("\\| ZGC +\\| loop-buffer +\\| 50,500 +\\| 1\\.00x +\\| 1,050 ");
        assertThat(md).containsPattern("\\| G1 +\\| local +\\| 100,500 +\\| 1\\.99x +\\| 850 ");
    }
}
