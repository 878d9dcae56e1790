package dev.poolkit.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each AtomicCost row does the operation it is named after, every call (nothing to fold away). */
class AtomicCostTest {

    @Test
    void theRowsAreExactlyTheBenchmarkMethods() {
        assertThat(java.util.Arrays.stream(AtomicCost.class.getMethods())
                .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class))
                .map(java.lang.reflect.Method::getName)).containsExactlyInAnyOrderElementsOf(AtomicCost.ROWS);
    }

    @Test
    void everyCallChangesTheStateTheNextCallReads() {
        AtomicCost a = new AtomicCost();
        assertThat(a.plainStore()).isEqualTo(1);
        assertThat(a.plainStore()).isEqualTo(2);
        assertThat(a.cas()).isTrue();
        assertThat(a.cas()).isTrue();
        assertThat(a.value()).isEqualTo(2);
        assertThat(a.volatileStore()).isEqualTo(3);
        assertThat(a.value()).isEqualTo(3);
        assertThat(a.threadLocalGet()).isEqualTo(1);
        assertThat(a.threadLocalGet()).isEqualTo(2);
        assertThat(a.reentrantLock()).isEqualTo(1);
        assertThat(a.synchronizedBlock()).isEqualTo(2);
        assertThat(a.guarded()).isEqualTo(2);
    }
}
