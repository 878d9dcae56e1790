package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    @Test
    void roundsAlternateDirectionAndRotate() {
        List<String> t = List.of("a", "b", "c");
        assertThat(Schedule.rounds(t, 4)).containsExactly(List.of("a", "b", "c"), List.of("c", "b", "a"),
                List.of("b", "c", "a"), List.of("a", "c", "b"));
    }

    @Test
    void everyPairOfRoundsGivesEveryTargetTheSameMeanPosition() {
        List<String> t = List.of("local", "freelist", "commons", "jctools", "none", "netty");
        for (int first = 0; first < 6; first += 2) {
            List<String> a = Schedule.order(t, first);
            List<String> b = Schedule.order(t, first + 1);
            for (String x : t) {
                assertThat(a.indexOf(x) + b.indexOf(x)).as(x).isEqualTo(t.size() - 1);
            }
        }
    }

    @Test
    void emptyAndSingleListsAreFine() {
        assertThat(Schedule.order(List.of(), 3)).isEmpty();
        assertThat(Schedule.order(List.of("x"), 5)).containsExactly("x");
    }
}
