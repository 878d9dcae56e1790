package dev.poolkit.jctools;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** maxIdle below the queue's power-of-two size, across threads; the queue limit; allocation. */
class JctoolsObjectPoolTest {

    @Test
    void maxIdleBelowThePowerOfTwoIsExactOnOneThread() {
        try (ObjectPool<StringBuilder> p = pool(5)) {
            List<StringBuilder> ten = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ten.add(p.acquire());
            }
            ten.forEach(p::release);
            assertThat(p.idle()).isEqualTo(5);
            assertThat(p.stats().discards()).isEqualTo(5);
        }
    }

    @Test
    void maxIdleBelowThePowerOfTwoHoldsAcrossThreadsAndNoObjectIsLost() {
        try (ObjectPool<StringBuilder> p = pool(5)) {
            TestThreads.runAll(4, id -> {
                for (int round = 0; round < 200; round++) {
                    List<StringBuilder> mine = new ArrayList<>();
                    for (int i = 0; i < 7; i++) {
                        mine.add(p.acquire());
                    }
                    mine.forEach(p::release);
                }
            });
            PoolStats s = p.stats();
            // Every object made was either dropped or is idle now: none lost, none counted twice.
            assertThat((long) p.idle()).isEqualTo(s.misses() - s.discards()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aMaxIdleBeyondTheQueueLimitIsRefused() {
        ObjectPoolConfig<StringBuilder> huge = ObjectPoolConfig.builder(StringBuilder::new)
                .maxIdle(Queues.MAX_CAPACITY + 1).build();
        assertThatThrownBy(() -> new JctoolsBackend().newObjectPool(huge)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("maxIdle must be at most " + Queues.MAX_CAPACITY);
    }

    @Test
    void aRefusedMaxIdleLeavesItsJmxNameFree() throws Exception {
        ObjectPoolConfig<StringBuilder> huge = ObjectPoolConfig.builder(StringBuilder::new)
                .maxIdle(Queues.MAX_CAPACITY + 1).jmxName("jctools-refused").build();
        assertThatThrownBy(() -> new JctoolsBackend().newObjectPool(huge)).isInstanceOf(PoolConfigException.class);
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(
                new ObjectName("dev.poolkit:type=ObjectPool,name=jctools-refused"))).isFalse();
    }

    @Test
    void acquireAndReleaseOfIdleObjectsAllocateNothing() {
        try (ObjectPool<StringBuilder> p = pool(4)) {
            long bytes = Allocations.bytesAllocatedBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    StringBuilder a = p.acquire();
                    StringBuilder b = p.acquire();
                    p.release(a);
                    p.release(b);
                }
            });
            assertThat(bytes).as("bytes allocated by 400,000 operations on idle objects").isLessThan(1024);
        }
    }

    private static ObjectPool<StringBuilder> pool(int maxIdle) {
        return new JctoolsBackend().newObjectPool(ObjectPoolConfig.builder(StringBuilder::new)
                .reset(sb -> sb.setLength(0)).maxIdle(maxIdle).build());
    }
}
