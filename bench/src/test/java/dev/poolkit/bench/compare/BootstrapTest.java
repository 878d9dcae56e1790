package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {

    @Test
    void theValueIsTheMeanAndTheIntervalSurroundsIt() {
        Estimate e = Bootstrap.mean(List.of(List.of(9.0, 10.0, 11.0, 10.0), List.of(10.0, 9.5, 10.5, 10.0)));
        assertThat(e.value()).isEqualTo(10.0);
        assertThat(e.n()).isEqualTo(8);
        assertThat(e.low()).isLessThan(10.0).isGreaterThanOrEqualTo(9.0);
        assertThat(e.high()).isGreaterThan(10.0).isLessThanOrEqualTo(11.0);
        assertThat(e.noisy()).isFalse();
    }

    /** Two forks that disagree: the interval must span both, not just each fork's own scatter. */
    @Test
    void forkToForkVarianceIsInTheInterval() {
        Estimate e = Bootstrap.mean(List.of(List.of(100.0, 101.0, 99.0, 100.0), List.of(200.0, 201.0, 199.0, 200.0)));
        assertThat(e.value()).isEqualTo(150.0);
        assertThat(e.low()).isLessThan(110.0);
        assertThat(e.high()).isGreaterThan(190.0);
        // pooled as if all eight were one sample, the interval would be far narrower
        Estimate pooled = Bootstrap.mean(List.of(List.of(100.0, 101.0, 99.0, 100.0, 200.0, 201.0, 199.0, 200.0)));
        assertThat(pooled.high() - pooled.low()).isLessThan(e.high() - e.low());
    }

    @Test
    void fewerThanTwoSamplesHaveNoInterval() {
        Estimate one = Bootstrap.mean(List.of(List.of(5.0)));
        assertThat(one.value()).isEqualTo(5.0);
        assertThat(one.hasInterval()).isFalse();
        assertThat(one.format()).isEqualTo("5.00 [?]");
        assertThat(Bootstrap.mean(List.of()).measured()).isFalse();
        assertThat(Bootstrap.mean(List.of(List.of(Double.NaN))).measured()).isFalse();
    }

    @Test
    void aRatioCarriesBothSidesNoise() {
        Estimate r = Bootstrap.ratio(List.of(List.of(18.0, 22.0, 20.0, 20.0)), List.of(List.of(9.0, 11.0, 10.0, 10.0)));
        assertThat(r.value()).isEqualTo(2.0, within(1e-12));
        assertThat(r.low()).isLessThan(2.0);
        assertThat(r.high()).isGreaterThan(2.0);
        assertThat(r.atMost(3.0)).isEqualTo(TargetResult.Verdict.MET);
        assertThat(r.atMost(1.5)).isEqualTo(TargetResult.Verdict.MISSED);
        assertThat(r.atMost(2.0)).isEqualTo(TargetResult.Verdict.INCONCLUSIVE);
        assertThat(r.atLeast(2.0)).isEqualTo(TargetResult.Verdict.INCONCLUSIVE);
        assertThat(r.atLeast(1.0)).isEqualTo(TargetResult.Verdict.MET);
    }

    @Test
    void theSameSamplesGiveTheSameInterval() {
        List<List<Double>> s = List.of(List.of(1.0, 2.0, 3.0), List.of(2.0, 3.0, 4.0));
        assertThat(Bootstrap.mean(s)).isEqualTo(Bootstrap.mean(s));
    }

    @Test
    void aCellWhoseErrorExceedsItsValueIsMarked() {
        Estimate wild = Bootstrap.mean(List.of(List.of(10.0, 12.0, 9.0, 500.0), List.of(11.0, 10.0, 2000.0, 9.0)));
        assertThat(wild.noisy()).isTrue();
        assertThat(wild.format()).endsWith("(!)");
        assertThat(new Estimate(10, 9, 11, 8).format()).isEqualTo("10.0 [9.00-11.0]");
    }
}
