package dev.poolkit.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mistyped {@code -p pool=} or {@code -p objectPool=} names every row and the one most likely meant. */
class SubjectNamesTest {

    @Test
    void aMistypedBlockRowSuggestsTheRowMeant() {
        assertThatThrownBy(() -> BlockSubjects.create("jctool", 16, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no benchmark row 'jctool'; valid: " + String.join(", ", BlockSubjects.names()))
                .hasMessageContaining("Did you mean 'jctools' (module dev.poolkit:pool-jctools)?");
        assertThatThrownBy(() -> BlockSubjects.create("raw-jctool", 16, 2))
                .hasMessageContaining("Did you mean 'raw-jctools'?");
    }

    @Test
    void aMistypedObjectRowSuggestsTheRowMeant() {
        assertThatThrownBy(() -> ObjectSubjects.create("frelist", 2))
                .hasMessageContaining("Did you mean 'freelist' (module dev.poolkit:pool-freelist)?");
    }
}
