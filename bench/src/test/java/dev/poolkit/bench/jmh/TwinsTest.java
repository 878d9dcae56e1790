package dev.poolkit.bench.jmh;

import dev.poolkit.api.Pools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** "A new backend declares its twin": a registered backend without one fails here. */
class TwinsTest {

    @Test
    void everyRegisteredBackendHasATwinRowInBothShapes() {
        assertThat(Pools.names()).isNotEmpty();
        for (String backend : Pools.names()) {
            assertThat(Twins.of(backend)).as("the bare twin of '%s' (declare it in Twins)", backend).isPresent();
            String twin = Twins.of(backend).orElseThrow();
            assertThat(BlockSubjects.names()).as("buffer rows").contains(twin);
            assertThat(ObjectSubjects.names()).as("object rows").contains(twin);
        }
    }

    @Test
    void aNameThatIsNoBackendHasNoTwin() {
        assertThat(Twins.of("raw-local")).isEmpty();
        assertThat(Twins.of("netty-pooled")).isEmpty();
    }

    @Test
    void theTwinsAreDistinctRows() {
        assertThat(Pools.names().stream().map(b -> Twins.of(b).orElseThrow()).distinct().count())
                .isEqualTo(Pools.names().size());
    }
}
