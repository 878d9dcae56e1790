package dev.poolkit.bench.load;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeDistributionTest {

    @Test
    void parsesTheThreeForms() {
        assertThat(SizeDistribution.parse("4k").max()).isEqualTo(4096);
        assertThat(SizeDistribution.parse("4k").mode()).isEqualTo(4096);
        assertThat(SizeDistribution.parse("64-1k").toString()).isEqualTo("64-1024");
        SizeDistribution w = SizeDistribution.parse("64:50,4k:40,64k:10");
        assertThat(w.max()).isEqualTo(65536);
        assertThat(w.mode()).isEqualTo(64);
        assertThat(w.mean()).isCloseTo(0.5 * 64 + 0.4 * 4096 + 0.1 * 65536, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void samplesFollowTheWeights() {
        SizeDistribution w = SizeDistribution.parse("1:3,2:1");
        SplittableRandom r = new SplittableRandom(1);
        int ones = 0;
        for (int i = 0; i < 10_000; i++) {
            ones += w.sample(r) == 1 ? 1 : 0;
        }
        assertThat(ones).isBetween(7_000, 8_000);
        SizeDistribution u = SizeDistribution.parse("10-12");
        for (int i = 0; i < 1000; i++) {
            assertThat(u.sample(r)).isBetween(10, 12);
        }
    }

    @Test
    void badSpecsSayWhatIsWrongAndWhatIsAccepted() {
        assertThatThrownBy(() -> SizeDistribution.parse("0")).hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> SizeDistribution.parse("9-3")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> SizeDistribution.parse("64:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SizeDistribution.parse("big")).hasMessageContaining("not a size")
                .hasMessageContaining("use a size (4096, 4k)");
        assertThatThrownBy(() -> SizeDistribution.parse("64:-1")).hasMessageContaining("must be > 0");
    }
}
