package dev.poolkit.api;

import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectPoolConfigTest {

    @Test
    void aNullFactoryIsRejectedWithAnExample() {
        assertThatThrownBy(() -> ObjectPoolConfig.builder((Supplier<Object>) null))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("factory must not be null")
                .hasMessageContaining("StringBuilder::new");
    }

    @Test
    void negativeMaxIdleIsRejected() {
        assertThatThrownBy(() -> ObjectPoolConfig.builder(Object::new).maxIdle(-1).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessage("maxIdle must be >= 0 idle objects (0 keeps none), got -1");
    }

    @Test
    void nullHooksAreRejected() {
        assertThatThrownBy(() -> ObjectPoolConfig.builder(Object::new).reset(null))
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("reset must not be null");
        assertThatThrownBy(() -> ObjectPoolConfig.builder(Object::new).onDiscard(null))
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("onDiscard must not be null");
    }

    @Test
    void defaults() {
        ObjectPoolConfig<Object> c = ObjectPoolConfig.builder(Object::new).build();
        assertThat(c.maxIdle()).isEqualTo(ObjectPoolConfig.DEFAULT_MAX_IDLE);
        assertThat(c.toString()).contains("reset=false");
    }
}
