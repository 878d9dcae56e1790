package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {
    private static final List<String> TARGETS = List.of("local", "freelist", "commons", "jctools", "none", "netty");

    @Test
    void everyRoundIsAPermutationAndTheSeedReproducesThem() {
        List<List<String>> a = new Schedule(7).rounds(TARGETS, 5);
        assertThat(a).hasSize(5).allSatisfy(round -> assertThat(round).containsExactlyInAnyOrderElementsOf(TARGETS));
        assertThat(new Schedule(7).rounds(TARGETS, 5)).isEqualTo(a);
        assertThat(new Schedule(8).rounds(TARGETS, 5)).isNotEqualTo(a);
        assertThat(new Schedule(7).seed()).isEqualTo(7);
    }

    @Test
    void noTargetRunsTwiceInARowAcrossARoundBoundary() {
        for (long seed = 0; seed < 200; seed++) {
            List<List<String>> rounds = new Schedule(seed).rounds(List.of("a", "b", "c"), 9);
            for (int r = 1; r < rounds.size(); r++) {
                assertThat(rounds.get(r).get(0)).as("seed %d round %d", seed, r)
                        .isNotEqualTo(rounds.get(r - 1).get(2));
            }
        }
    }

    /** Balanced for any round count: over many rounds every target's mean position is the middle. */
    @Test
    void positionsEvenOutWhateverTheRoundCount() {
        int rounds = 3001; // odd on purpose
        Map<String, Integer> sum = new HashMap<>();
        Map<String, Integer> first = new HashMap<>();
        for (List<String> round : new Schedule(42).rounds(TARGETS, rounds)) {
            for (int i = 0; i < round.size(); i++) {
                sum.merge(round.get(i), i, Integer::sum);
            }
            first.merge(round.get(0), 1, Integer::sum);
        }
        double middle = (TARGETS.size() - 1) / 2.0;
        for (String t : TARGETS) {
            assertThat(sum.get(t) / (double) rounds).as(t).isBetween(middle - 0.15, middle + 0.15);
            assertThat(first.getOrDefault(t, 0) / (double) rounds).as(t + " first").isBetween(0.13, 0.20);
        }
    }

    @Test
    void emptyAndSingleListsAreFine() {
        assertThat(new Schedule(1).rounds(List.of(), 3)).containsExactly(List.of(), List.of(), List.of());
        assertThat(new Schedule(1).rounds(List.of("x"), 2)).containsExactly(List.of("x"), List.of("x"));
    }

    @Test
    void freshSeedsFitADouble() {
        for (int i = 0; i < 100; i++) {
            long s = Schedule.newSeed();
            assertThat((long) (double) s).isEqualTo(s);
        }
    }
}
