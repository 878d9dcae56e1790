package dev.poolkit.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolsTest {

    @Test
    void localIsAlwaysThereAndIsTheDefault() {
        assertThat(Pools.names()).contains("local");
        assertThat(Pools.DEFAULT_BACKEND).isEqualTo("local");
        assertThat(Pools.backend("LOCAL").name()).isEqualTo("local");
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> Pools.backend("fastest"))
                .isInstanceOf(UnknownBackendException.class)
                .hasMessageContaining("no pool backend named 'fastest'")
                .hasMessageContaining("available: " + String.join(", ", Pools.names()))
                .satisfies(e -> assertThat(((UnknownBackendException) e).available()).isEqualTo(Pools.names()));
        assertThatThrownBy(() -> Pools.backend(" ")).isInstanceOf(UnknownBackendException.class);
        assertThatThrownBy(() -> Pools.backend(null)).isInstanceOf(UnknownBackendException.class);
    }

    @Test
    void blockAndObjectPoolsAreMadeByName() {
        try (BlockPool p = Pools.blockPool("local", BlockPoolConfig.builder().capacity(2).blockSize(16).build())) {
            assertThat(p.backend()).isEqualTo("local");
            assertThat(p.config().capacity()).isEqualTo(2);
        }
        try (ObjectPool<StringBuilder> p = Pools.objectPool("local", ObjectPoolConfig.builder(StringBuilder::new).build())) {
            StringBuilder sb = p.acquire();
            assertThat(sb).isNotNull();
            p.release(sb);
        }
    }
}
