package dev.poolkit.micrometer;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String pool) {
        return registry.get("poolkit.pool." + name).tag("pool", pool).gauge().value();
    }

    private double counter(String name, String pool) {
        return registry.get("poolkit.pool." + name).tag("pool", pool).functionCounter().count();
    }

    @Test
    void aBlockPoolsGaugesAndCountersFollowItsStats() {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(64).capacity(2)
                .exhaustion(ExhaustionPolicy.unpooled()).build())) {
            PoolMetrics.of("buffers", pool).bindTo(registry);
            Block a = pool.acquire();
            Block b = pool.acquire();
            Block unpooled = pool.acquire();
            assertThat(gauge("in.use", "buffers")).isEqualTo(3);
            assertThat(gauge("free", "buffers")).isZero();
            assertThat(gauge("high.water", "buffers")).isEqualTo(3);
            assertThat(gauge("capacity", "buffers")).isEqualTo(2);
            assertThat(counter("acquires", "buffers")).isEqualTo(3);
            assertThat(counter("misses", "buffers")).isEqualTo(1);
            assertThat(counter("exhaustions", "buffers")).isEqualTo(1);
            pool.release(unpooled);
            pool.release(a);
            assertThat(counter("releases", "buffers")).isEqualTo(2);
            assertThat(counter("discards", "buffers")).isEqualTo(1);
            assertThat(gauge("free", "buffers")).isEqualTo(1);
            assertThat(gauge("in.use", "buffers")).isEqualTo(1);
            pool.release(b);
            // No wait timer: this policy never waits.
            assertThat(registry.find("poolkit.pool.wait").meters()).isEmpty();
        }
    }

    @Test
    void everyMeterIsTaggedWithThePoolAndItsBackendAndTheExtraTags() {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().capacity(1).blockSize(64).build())) {
            PoolMetrics.of("buffers", pool, Tags.of("region", "eu")).bindTo(registry);
            assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactlyInAnyOrder(
                    "poolkit.pool.in.use", "poolkit.pool.free", "poolkit.pool.high.water", "poolkit.pool.capacity",
                    "poolkit.pool.acquires", "poolkit.pool.releases", "poolkit.pool.misses",
                    "poolkit.pool.exhaustions", "poolkit.pool.discards");
            for (Meter m : registry.getMeters()) {
                assertThat(m.getId().getTag("pool")).isEqualTo("buffers");
                assertThat(m.getId().getTag("backend")).isEqualTo("local");
                assertThat(m.getId().getTag("region")).isEqualTo("eu");
                assertThat(m.getId().getBaseUnit()).isEqualTo("blocks");
                assertThat(m.getId().getDescription()).isNotBlank();
            }
        }
    }

    @Test
    void aWaitingPolicyGetsAWaitTimer() throws Exception {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(64).capacity(1)
                .exhaustion(ExhaustionPolicy.await(Duration.ofMillis(1))).build())) {
            PoolMetrics.of("buffers", pool).bindTo(registry);
            Block held = pool.acquire();
            // The wait ends at its timeout: nobody releases. Bounded by the policy, not by the test.
            assertThatThrownBy(pool::acquire).hasMessageContaining("exhausted");
            FunctionTimer wait = registry.get("poolkit.pool.wait").tag("pool", "buffers").functionTimer();
            assertThat(wait.count()).isEqualTo(1);
            assertThat(wait.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(1_000_000);
            pool.release(held);
        }
    }

    @Test
    void anObjectPoolsGaugesAndCountersFollowItsStats() {
        try (ObjectPool<StringBuilder> pool = Pools.objectPool("local",
                ObjectPoolConfig.builder(StringBuilder::new).maxIdle(4).build())) {
            PoolMetrics.of("builders", pool).bindTo(registry);
            StringBuilder sb = pool.acquire();
            assertThat(gauge("in.use", "builders")).isEqualTo(1);
            assertThat(counter("misses", "builders")).isEqualTo(1);
            assertThat(gauge("capacity", "builders")).isEqualTo(4);
            pool.release(sb);
            assertThat(gauge("idle", "builders")).isEqualTo(1);
            assertThat(gauge("in.use", "builders")).isZero();
            assertThat(counter("releases", "builders")).isEqualTo(1);
            assertThat(gauge("high.water", "builders")).isEqualTo(1);
            assertThat(registry.get("poolkit.pool.idle").gauge().getId().getBaseUnit()).isEqualTo("objects");
            assertThat(registry.find("poolkit.pool.free").meters()).isEmpty();
        }
    }

    @Test
    void aBlankNameIsRefused() {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().capacity(1).blockSize(64).build())) {
            assertThatThrownBy(() -> PoolMetrics.of(" ", pool))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pool' tag");
        }
    }
}
