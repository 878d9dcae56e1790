package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.poolkit.bench.compare.TargetResult.Verdict.INCONCLUSIVE;
import static dev.poolkit.bench.compare.TargetResult.Verdict.MET;
import static dev.poolkit.bench.compare.TargetResult.Verdict.MISSED;
import static dev.poolkit.bench.compare.TargetResult.Verdict.NOT_MEASURED;
import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {
    private final Map<String, TargetResult> byName = Fixtures.results().targets().stream()
            .collect(Collectors.toMap(TargetResult::target, Function.identity()));

    private TargetResult.Verdict verdict(String name) {
        assertThat(byName).containsKey(name);
        return byName.get(name).verdict();
    }

    @Test
    void speedTargetsAreRatiosToRowsOfTheSameRun() {
        assertThat(verdict("local against Stormpot, 1 thread")).isEqualTo(MET);
        assertThat(byName.get("local against Stormpot, 1 thread").requirement()).contains("<= 0.90 x `stormpot-never`");
        assertThat(byName.get("local against Stormpot, 1 thread").measured()).contains("= 0.75x [");
        assertThat(verdict("freelist over its bare twin, 1 thread")).isEqualTo(MISSED);
        assertThat(byName.get("freelist over its bare twin, 1 thread").requirement()).contains("1.15 x `raw-freelist`");
        assertThat(verdict("commons over its bare twin, 1 thread")).isEqualTo(MISSED);
        assertThat(byName.get("commons over its bare twin, 1 thread").measured()).contains("= 1.10x [");
    }

    @Test
    void anIntervalThatStraddlesTheRequirementIsInconclusive() {
        TargetResult t = byName.get("local against Stormpot, 2 threads");
        assertThat(t.verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(t.note()).contains("straddles 0.90");
    }

    /** The same means with tighter samples decide: the verdict follows the interval, not the mean alone. */
    @Test
    void theSameMeansWithLessNoiseDecide() {
        List<JmhRow> wide = List.of(Fixtures.pair("jctools", "pair1Thread", 13.0, 0.2, 0),
                Fixtures.pair("raw-jctools", "pair1Thread", 10.5, 0.2, 0));
        List<JmhRow> tight = List.of(Fixtures.pair("jctools", "pair1Thread", 13.0, 0.001, 0),
                Fixtures.pair("raw-jctools", "pair1Thread", 10.5, 0.001, 0));
        assertThat(jctoolsTwin(wide).verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(jctoolsTwin(tight).verdict()).isEqualTo(MET); // 1.24 <= 1.3
    }

    /** The floor row, when run, is quoted beside the verdict and does not change it. */
    @Test
    void theRefusingTwinIsQuotedBesideTheVerdictItDoesNotChange() {
        List<JmhRow> rows = List.of(Fixtures.pair("jctools", "pair1Thread", 13.0, 0.001, 0),
                Fixtures.pair("raw-jctools", "pair1Thread", 10.5, 0.001, 0),
                Fixtures.pair("raw-jctools-refusing", "pair1Thread", 12.6, 0.001, 0));
        TargetResult t = jctoolsTwin(rows);
        assertThat(t.verdict()).isEqualTo(MET); // 1.24 <= 1.3, as without the floor row
        assertThat(t.measured()).contains("atomic double-release refusal alone, `raw-jctools-refusing`")
                .contains("is 1.20x [");
        assertThat(jctoolsTwin(rows.subList(0, 2)).measured()).doesNotContain("refusal");
    }

    /** The same for local against Stormpot: its refusing twin is quoted as a ratio to Stormpot, at each thread count. */
    @Test
    void localsRefusingTwinIsQuotedAgainstStormpot() {
        List<JmhRow> rows = List.of(Fixtures.pair("local", "pair1Thread", 10.0, 0.001, 0),
                Fixtures.pair("stormpot-never", "pair1Thread", 8.0, 0.001, 0),
                Fixtures.pair("raw-local-refusing", "pair1Thread", 7.6, 0.001, 0),
                Fixtures.pair("local", "pair2Threads", 12.0, 0.001, 0),
                Fixtures.pair("stormpot-never", "pair2Threads", 10.0, 0.001, 0),
                Fixtures.pair("raw-local-refusing", "pair2Threads", 7.0, 0.001, 0));
        Map<String, TargetResult> t = Targets.evaluate(rows, List.of(), List.of("local")).stream()
                .collect(Collectors.toMap(TargetResult::target, x -> x));
        TargetResult one = t.get("local against Stormpot, 1 thread");
        assertThat(one.verdict()).isEqualTo(MISSED); // 1.25 > 0.9, floor row or not
        assertThat(one.measured()).contains("`raw-local-refusing` 7.60").contains("is 0.95x [")
                .endsWith("of `stormpot-never`");
        TargetResult two = t.get("local against Stormpot, 2 threads");
        assertThat(two.verdict()).isEqualTo(MISSED); // 1.2 > 0.9
        assertThat(two.measured()).as("each thread count's rows, not the other's")
                .contains("`raw-local-refusing` 7.00").contains("is 0.70x [");
        List<JmhRow> oneCountOnly = rows.subList(0, 5);
        assertThat(Targets.evaluate(oneCountOnly, List.of(), List.of("local")).stream()
                .filter(x -> x.target().equals("local against Stormpot, 2 threads")).findFirst().orElseThrow()
                .measured()).as("no floor row at 2 threads: nothing quoted").doesNotContain("refusal");
    }

    private static TargetResult jctoolsTwin(List<JmhRow> rows) {
        return Targets.evaluate(rows, List.of(), List.of("jctools")).stream()
                .filter(x -> x.target().equals("jctools over its bare twin, 1 thread")).findFirst().orElseThrow();
    }

    @Test
    void anAbsentBackendIsNotMeasuredNeverMet() {
        assertThat(verdict("jctools over its bare twin, 1 thread")).isEqualTo(NOT_MEASURED);
        assertThat(byName.get("jctools over its bare twin, 1 thread").note()).contains("no 'jctools' row");
        assertThat(verdict("jctools allocates nothing")).isEqualTo(NOT_MEASURED);
    }

    @Test
    void everyBackendButCommonsMustAllocateNothingAtOneAndTwoThreads() {
        assertThat(verdict("local allocates nothing")).isEqualTo(MET);
        assertThat(verdict("freelist allocates nothing")).isEqualTo(MISSED);
        assertThat(byName.get("freelist allocates nothing").measured()).contains("3.40 [", "(2 thr)");
        assertThat(byName).doesNotContainKey("commons allocates nothing");
    }

    @Test
    void echoTargetsAreRatiosToNettyOverRounds() {
        assertThat(verdict("local echo throughput")).isEqualTo(MET);
        assertThat(verdict("freelist echo throughput")).isEqualTo(MISSED);
        assertThat(verdict("local echo allocation")).isEqualTo(MET);
        assertThat(byName).doesNotContainKeys("none echo throughput", "netty echo throughput");
    }

    @Test
    void withoutNettyTheEchoTargetIsNotMeasured() {
        List<EchoSummary> echo = EchoPhase.summarize(List.of("local"),
                List.of(Fixtures.run("local", 0, 1000, 10, 5L)));
        TargetResult t = Targets.evaluate(List.of(), echo, List.of("local")).stream()
                .filter(x -> x.target().equals("local echo throughput")).findFirst().orElseThrow();
        assertThat(t.verdict()).isEqualTo(NOT_MEASURED);
    }

    @Test
    void oneRoundGivesNoIntervalAndSoNoVerdict() {
        List<EchoSummary> echo = EchoPhase.summarize(List.of("local", "netty"),
                List.of(Fixtures.run("local", 0, 2000, 10, 5L), Fixtures.run("netty", 0, 1000, 10, null)));
        TargetResult t = Targets.evaluate(List.of(), echo, List.of("local")).stream()
                .filter(x -> x.target().equals("local echo throughput")).findFirst().orElseThrow();
        assertThat(t.verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(t.note()).contains("no interval");
    }
}
