package dev.poolkit.bench.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTest {

    private static SweepPoint p(int blockSize, int poolSize, double msgPerSec, long exhaustions) {
        return new SweepPoint("local", blockSize, poolSize, (long) blockSize * poolSize, msgPerSec, 100, 0,
                (long) Math.min(poolSize, 16), 0L, exhaustions, null);
    }

    @Test
    void picksTheSmallestFootprintWithinTheMarginOfTheBest() {
        List<SweepPoint> grid = List.of(
                p(1024, 256, 60_000, 0),    // too slow: 1 KiB blocks split every 4 KiB message
                p(4096, 4, 96_500, 30),     // 16 KiB, within 5%, smallest
                p(4096, 256, 100_000, 0),   // the best, 1 MiB
                p(16384, 256, 99_000, 0));  // as fast, 4 MiB

        Recommendation r = Recommender.recommend("local", grid, 5);

        assertThat(r.best()).isEqualTo(grid.get(2));
        assertThat(r.choice()).isEqualTo(grid.get(1));
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).startsWith("Best throughput: 100,000 msg/s with local,"
                + " blockSize 4,096, poolSize 256"));
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).contains("3 of 4 configurations reach at least 95,000"));
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).contains("smallest footprint").contains("(2% of the best's)")
                .contains("-3.5%"));
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).contains("ran dry 30 time(s)"));
    }

    @Test
    void aTighterMarginKeepsTheBest() {
        List<SweepPoint> grid = List.of(p(4096, 4, 96_500, 0), p(4096, 256, 100_000, 0));

        Recommendation r = Recommender.recommend("local", grid, 1);

        assertThat(r.choice()).isEqualTo(grid.get(1));
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).contains("the best is also the recommendation"));
    }

    @Test
    void cellsWithErrorsOrFailuresAreNeverRecommendedAndAreNamed() {
        SweepPoint corrupt = new SweepPoint("local", 64, 1, 64, 1_000_000, 1, 3, 1L, 0L, 0L, null);
        SweepPoint crashed = new SweepPoint("local", 64, 2, 128, 0, 0, 0, null, null, null, "server did not start\nlog");
        SweepPoint fine = p(4096, 16, 50_000, 0);

        Recommendation r = Recommender.recommend("local", List.of(corrupt, crashed, fine), 5);

        assertThat(r.choice()).isEqualTo(fine);
        assertThat(r.reasons()).last().asString().contains("Excluded: local blockSize=64 poolSize=1 (3 echo errors);"
                + " local blockSize=64 poolSize=2 (server did not start)");
    }

    @Test
    void nothingUsableMeansNoRecommendationAndSaysSo() {
        Recommendation r = Recommender.recommend("jctools",
                List.of(new SweepPoint("jctools", 64, 1, 64, 0, 0, 0, null, null, null, "boom")), 5);

        assertThat(r.choice()).isNull();
        assertThat(r.reasons()).singleElement().asString().startsWith("No configuration ran without errors");
    }

    @Test
    void aCellsRoundsAreRepresentedByTheMedianRound() {
        SweepPoint a = p(4096, 4, 10, 0);
        SweepPoint b = p(4096, 4, 30, 0);
        SweepPoint c = p(4096, 4, 20, 0);
        assertThat(SweepCommand.median(List.of(a, b, c))).isEqualTo(c);
    }
}
