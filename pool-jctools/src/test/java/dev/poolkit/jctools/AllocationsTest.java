package dev.poolkit.jctools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The zero-allocation tests mean something only if the counter sees allocations. */
class AllocationsTest {
    private static Object sink;

    @Test
    void theCounterSeesOneSmallArrayPerIteration() {
        long bytes = Allocations.bytesAllocatedBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                sink = new long[2]; // escapes into a static field, so it cannot be scalar-replaced
            }
        });
        assertThat(bytes).isGreaterThanOrEqualTo(100_000L * 16);
    }
}
