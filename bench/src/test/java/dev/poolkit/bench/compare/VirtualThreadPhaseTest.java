package dev.poolkit.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phase's arithmetic and its refusals; a real run is the CI's {@code ./poolkit vt --smoke} on a JDK 21+. */
class VirtualThreadPhaseTest {
    @TempDir
    Path dir;

    @Test
    void theMedianOfSevenRoundsLiesBetweenTheLowestAndHighest() {
        Estimate e = MedianInterval.of(List.of(5.0, 1.0, 7.0, 3.0, 2.0, 6.0, 4.0));
        assertThat(e.value()).isEqualTo(4.0);
        assertThat(e.low()).isEqualTo(1.0);
        assertThat(e.high()).isEqualTo(7.0);
        assertThat(MedianInterval.coverage(7, 1)).isGreaterThan(0.98).isLessThan(0.99);
    }

    @Test
    void moreRoundsNarrowTheIntervalToInnerRounds() {
        Estimate e = MedianInterval.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0,
                14.0, 15.0));
        assertThat(e.value()).isEqualTo(8.0);
        assertThat(e.low()).isEqualTo(4.0); // k = 4: 96.5% coverage with 15 rounds, k = 5 would be 88%
        assertThat(e.high()).isEqualTo(12.0);
        assertThat(MedianInterval.describe(15)).contains("4th lowest and highest rounds of 15").contains("96%");
        assertThat(MedianInterval.describe(9)).contains("second lowest and highest rounds of 9");
    }

    @Test
    void withinIsMetOnlyWhenTheWholeIntervalIsInside() {
        assertThat(VirtualThreadPhase.within(new Estimate(1.0, 0.9, 1.1, 7), 1 / 1.3, 1.3))
                .isEqualTo(TargetResult.Verdict.MET);
        assertThat(VirtualThreadPhase.within(new Estimate(1.0, 0.9, 1.5, 7), 1 / 1.3, 1.3))
                .isEqualTo(TargetResult.Verdict.INCONCLUSIVE);
        assertThat(VirtualThreadPhase.within(new Estimate(2.0, 1.5, 2.5, 7), 1 / 1.3, 1.3))
                .isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(VirtualThreadPhase.within(Estimate.unknown(), 1 / 1.3, 1.3))
                .isEqualTo(TargetResult.Verdict.NOT_MEASURED);
    }

    /**
     * A round as the scenario prints it when its empty tasks happened to start slowly (carriers
     * parking between them): the wall-time difference comes out negative, while the windows the
     * threads timed around their pairs still give the pairs' cost.
     */
    @Test
    void theJudgedPairIsTheThreadsOwnWindowsOverTheEmptyTasks() {
        JsonObject round = JsonParser.parseString("{\"kind\":\"virtual\",\"round\":0,\"threads\":1000,\"pairs\":10,"
                + "\"emptyNanos\":2000000,\"workNanos\":1500000,\"emptyInTaskNanos\":40000,"
                + "\"workInTaskNanos\":340000}").getAsJsonObject();
        // (340,000 - 40,000) ns over 1,000 threads x 10 pairs
        assertThat(VirtualThreadPhase.inTaskPerPair(round)).isEqualTo(30.0);
        // (1,500,000 - 2,000,000) ns x 2 carriers over 10,000 pairs: the noise this figure suffers from
        assertThat(VirtualThreadPhase.wallPerPair(round, 2)).isEqualTo(-100.0);
    }

    /** The shared platform pair is read per round, per pair per thread, and the VT pair is set against it, unjudged. */
    @Test
    void theSharedPlatformPairIsReadAndQuotedBesideTheVerdict() {
        VirtualThreadPhase.Settings s = new VirtualThreadPhase.Settings("test", 3, 10, List.of(4_000, 500), 1_000, 1,
                List.of(10, 100));
        VirtualThreadPhase.Child time = new VirtualThreadPhase.Child();
        time.jvm = JsonParser.parseString("{\"kind\":\"jvm\",\"carriers\":2}").getAsJsonObject();
        long[] vtPerPair = {48, 96, 60}; // per round; over the shared pair below: 1.2, 1.2, 0.5
        for (int r = 0; r < 3; r++) {
            for (int n : List.of(4_000, 500)) {
                time.lines.add(line("{\"kind\":\"virtual\",\"round\":" + r + ",\"threads\":" + n + ",\"pairs\":10,"
                        + "\"emptyNanos\":0,\"workNanos\":0,\"emptyInTaskNanos\":0,\"workInTaskNanos\":"
                        + (n * 10L * vtPerPair[r]) + "}"));
            }
            time.lines.add(line("{\"kind\":\"platform\",\"round\":" + r + ",\"pairs\":1000,\"nanos\":20000}"));
            // 2 threads x 125 pairs in 10,000 + 10,000 * r ns of windows: 40, 80, 120 ns per pair
            time.lines.add(line("{\"kind\":\"platformShared\",\"round\":" + r + ",\"threads\":2,\"pairs\":125,"
                    + "\"inTaskNanos\":" + (10_000 + 10_000 * r) + "}"));
        }
        VirtualThreadPhase phase = new VirtualThreadPhase(s, dir.resolve("none.jar"));
        VirtualThreadPhase.Row row = phase.row("freelist", time, time);
        assertThat(row.sharedPlatformPairNanos().value()).isEqualTo(80.0);
        // the median of the rounds' own ratios (1.2), not the ratio of the medians (60 / 80)
        assertThat(row.virtualOverSharedPlatform().value()).isEqualTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.virtualOverPlatform().value()).as("the judged ratio, to the one-thread pair").isEqualTo(3.0);
        TargetResult pair = phase.targets(List.of(row)).stream()
                .filter(t -> t.target().equals("freelist: pair on 4,000 virtual threads")).findFirst().orElseThrow();
        assertThat(pair.measured()).contains("sharing the pool from every core, 80.0 [40.0-120] ns")
                .contains("the VT pair is 1.20x [");
        assertThat(pair.verdict()).as("judged against the one-thread pair alone: 3.0x > 2x, whatever the shared pair")
                .isEqualTo(TargetResult.Verdict.MISSED);
        VirtualThreadPhase.Child none = new VirtualThreadPhase.Child();
        none.jvm = time.jvm;
        assertThat(VirtualThreadPhase.sharedFloor(phase.row("freelist", none, none))).isEmpty();
    }

    private static JsonObject line(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void aJvmBelow21MeasuresNothingAndSaysWhyInBothFiles() throws Exception {
        assumeThat(Runtime.version().feature()).as("this JVM runs virtual threads").isLessThan(21);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        VirtualThreadPhase.Result r = new VirtualThreadPhase(VirtualThreadPhase.Settings.SMOKE)
                .run(java, List.of(), dir, line -> { });
        assertThat(r.ran()).isFalse();
        assertThat(r.skipped()).startsWith("no JDK 21+: ").contains("Java " + Runtime.version().feature());
        assertThat(r.targets()).allMatch(t -> t.verdict() == TargetResult.Verdict.NOT_MEASURED);
        assertThat(Files.readString(dir.resolve(VirtualThreadPhase.MARKDOWN_FILE))).contains("Skipped: no JDK 21+");
        assertThat(Files.readString(dir.resolve(VirtualThreadPhase.RESULT_FILE))).contains("\"skipped\"");
    }

    @Test
    void aJavaThatCannotRunIsNamed() throws Exception {
        VirtualThreadPhase.Result r = new VirtualThreadPhase(VirtualThreadPhase.Settings.SMOKE)
                .run(dir.resolve("no-such-java"), List.of(), dir, line -> { });
        assertThat(r.ran()).isFalse();
        assertThat(r.skipped()).contains("cannot run").contains("no-such-java").contains("JDK 21+");
    }
}
