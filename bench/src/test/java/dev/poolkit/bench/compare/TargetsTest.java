package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {
    private final Map<String, TargetResult> byName = Fixtures.results().targets().stream()
            .collect(Collectors.toMap(TargetResult::target, Function.identity()));

    private TargetResult.Verdict verdict(String name) {
        assertThat(byName).containsKey(name);
        return byName.get(name).verdict();
    }

    @Test
    void pairTargetsAreJudgedOnTheMedian() {
        assertThat(verdict("local pair, 1 thread")).isEqualTo(TargetResult.Verdict.MET);
        assertThat(verdict("local pair, 2 threads")).isEqualTo(TargetResult.Verdict.MET);
        assertThat(verdict("freelist pair, 1 thread, no slower than the seed's Go free list"))
                .isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(byName.get("local pair, 1 thread").measured()).startsWith("4.50 ns (mean 4.55 ± 0.23, n=3)");
    }

    @Test
    void anAbsentBackendIsNotMeasuredNeverMet() {
        assertThat(verdict("jctools pair, 1 thread")).isEqualTo(TargetResult.Verdict.NOT_MEASURED);
        assertThat(byName.get("jctools pair, 1 thread").note()).contains("no 'jctools' row");
        assertThat(verdict("jctools allocates nothing")).isEqualTo(TargetResult.Verdict.NOT_MEASURED);
    }

    @Test
    void allocationUsesTheWorseOfOneAndTwoThreads() {
        assertThat(verdict("local allocates nothing")).isEqualTo(TargetResult.Verdict.MET);
        List<JmhRow> rows = List.of(Fixtures.pair("local", "pair1Thread", 4, 0.01),
                Fixtures.pair("local", "pair2Threads", 4, 24));
        TargetResult t = Targets.evaluate(rows, List.of()).stream()
                .filter(x -> x.target().equals("local allocates nothing")).findFirst().orElseThrow();
        assertThat(t.verdict()).isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(t.measured()).contains("24.00 B/op (2 thr)");
    }

    @Test
    void commonsOverheadIsTheRatioToRaw() {
        assertThat(verdict("commons adapter overhead")).isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(byName.get("commons adapter overhead").measured()).contains("+10.0%");
    }

    @Test
    void echoTargetsCompareEachPooledBackendWithNetty() {
        assertThat(verdict("local echo throughput")).isEqualTo(TargetResult.Verdict.MET);
        assertThat(verdict("freelist echo throughput")).isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(verdict("local echo allocation")).isEqualTo(TargetResult.Verdict.MET);
        assertThat(byName).doesNotContainKeys("none echo throughput", "netty echo throughput");
    }

    @Test
    void withoutNettyTheEchoTargetIsNotMeasured() {
        List<EchoSummary> echo = EchoPhase.summarize(List.of("local"),
                List.of(Fixtures.run("local", 0, 1000, 10, 5L)));
        TargetResult t = Targets.evaluate(List.of(), echo).stream()
                .filter(x -> x.target().equals("local echo throughput")).findFirst().orElseThrow();
        assertThat(t.verdict()).isEqualTo(TargetResult.Verdict.NOT_MEASURED);
    }
}
