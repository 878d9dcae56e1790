package dev.poolkit.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendNamesTest {
    private static final List<String> NAMES = List.of("commons", "freelist", "jctools", "local");

    @Test
    void aTypoFindsTheNameItMeant() {
        assertThat(BackendNames.closest("jctool", NAMES)).hasValue("jctools");      // a letter missing
        assertThat(BackendNames.closest("freelsit", NAMES)).hasValue("freelist");   // two letters swapped
        assertThat(BackendNames.closest("Commmons", NAMES)).hasValue("commons");    // one too many, any case
        assertThat(BackendNames.closest("locl", NAMES)).hasValue("local");
        assertThat(BackendNames.closest("loopbuffer", List.of("local", "loop-buffer", "none")))
                .hasValue("loop-buffer");
    }

    @Test
    void aNameFarFromEveryCandidateGetsNoSuggestion() {
        assertThat(BackendNames.closest("fastest", NAMES)).isEmpty();
        assertThat(BackendNames.closest("ab", List.of("none"))).isEmpty();  // two edits of a four-letter name is a guess
        assertThat(BackendNames.closest("jctools", NAMES)).isEmpty();      // not a typo: it is valid
        assertThat(BackendNames.didYouMean("fastest", NAMES)).isEmpty();
    }

    @Test
    void theSuggestionNamesTheModuleThatProvidesIt() {
        assertThat(BackendNames.didYouMean("jctool", NAMES))
                .isEqualTo(" Did you mean 'jctools' (module dev.poolkit:pool-jctools)?");
        assertThat(BackendNames.didYouMean("loca", NAMES)).isEqualTo(" Did you mean 'local' (module dev.poolkit:pool-api)?");
        assertThat(BackendNames.didYouMean("nome", List.of("local", "none"))).isEqualTo(" Did you mean 'none'?");
        assertThat(BackendNames.module("JCTOOLS")).hasValue("dev.poolkit:pool-jctools");
        assertThat(BackendNames.module("none")).isEmpty();
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(BackendNames.distance("", "abc")).isEqualTo(3);
        assertThat(BackendNames.distance("abc", "abc")).isZero();
        assertThat(BackendNames.distance("abc", "acb")).isEqualTo(1);
        assertThat(BackendNames.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void poolsSuggestsAPresentBackendAndItsModule() {
        assertThatThrownBy(() -> Pools.backend("lcoal"))
                .isInstanceOf(UnknownBackendException.class)
                .hasMessageContaining("no pool backend named 'lcoal'")
                .hasMessageContaining("Did you mean 'local' (module dev.poolkit:pool-api)?");
    }

    @Test
    void poolsSuggestsAnAbsentBackendAndSaysWhichModuleToAdd() {
        // pool-api's own tests see only 'local': jctools is not on this class path.
        assertThat(Pools.names()).doesNotContain("jctools");
        assertThatThrownBy(() -> Pools.backend("jctool"))
                .hasMessageContaining("Did you mean 'jctools'? It needs its module, dev.poolkit:pool-jctools, on the"
                        + " class path.")
                .hasMessageNotContaining("pool-jctool)");
        assertThatThrownBy(() -> Pools.backend("fastest"))
                .hasMessageNotContaining("Did you mean")
                .hasMessageContaining("dev.poolkit:pool-jctools");
    }
}
