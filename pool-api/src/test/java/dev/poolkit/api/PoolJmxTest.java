package dev.poolkit.api;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pool with a jmxName, read through the platform MBean server as a JMX console reads it. */
class PoolJmxTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void aBlockPoolShowsItsStatisticsAndSettings() throws Exception {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(128).capacity(2)
                .exhaustion(ExhaustionPolicy.unpooled()).jmxName("jmx-test-buffers").build())) {
            Block a = pool.acquire();
            Block b = pool.acquire();
            Block unpooled = pool.acquire();
            ObjectName name = new ObjectName("dev.poolkit:type=BlockPool,name=jmx-test-buffers");
            BlockPoolMXBean bean = JMX.newMXBeanProxy(server, name, BlockPoolMXBean.class);
            assertThat(bean.getName()).isEqualTo("jmx-test-buffers");
            assertThat(bean.getBackend()).isEqualTo("local");
            assertThat(bean.getAcquires()).isEqualTo(3);
            assertThat(bean.getMisses()).isEqualTo(1);
            assertThat(bean.getExhaustions()).isEqualTo(1);
            assertThat(bean.getInUse()).isEqualTo(3);
            assertThat(bean.getFree()).as("the unpooled block takes no slab block").isZero();
            assertThat(bean.getHighWater()).isEqualTo(3);
            assertThat(bean.getCapacity()).isEqualTo(2);
            assertThat(bean.getBlockSize()).isEqualTo(128);
            assertThat(bean.getAlignment()).isEqualTo(64);
            assertThat(bean.getMemory()).isEqualTo("DIRECT");
            assertThat(bean.getExhaustionPolicy()).isEqualTo(ExhaustionPolicy.unpooled().toString());
            assertThat(bean.isLeakTracking()).isFalse();
            pool.release(unpooled);
            pool.release(a);
            assertThat(server.getAttribute(name, "Discards")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "Releases")).isEqualTo(2L);
            assertThat(server.getAttribute(name, "Free")).isEqualTo(1L);
            pool.release(b);
        }
    }

    @Test
    void waitsAreCountedWhenThePolicyWaits() throws Exception {
        try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(64).capacity(1)
                .exhaustion(ExhaustionPolicy.await(Duration.ofSeconds(30))).jmxName("jmx-test-waits").build())) {
            Block held = pool.acquire();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                pool.release(pool.acquire());
            });
            waiter.start();
            waiting.await();
            while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait(); // the waiter has parked in acquire()
            }
            pool.release(held);
            waiter.join();
            ObjectName name = new ObjectName("dev.poolkit:type=BlockPool,name=jmx-test-waits");
            assertThat(server.getAttribute(name, "Waits")).isEqualTo(1L);
            assertThat((Long) server.getAttribute(name, "WaitNanos")).isPositive();
            assertThat(pool.waits().count()).isEqualTo(1);
        }
    }

    @Test
    void anObjectPoolShowsItsStatisticsAndSettings() throws Exception {
        try (ObjectPool<StringBuilder> pool = Pools.objectPool("local", ObjectPoolConfig.builder(StringBuilder::new)
                .maxIdle(8).jmxName("jmx-test-builders").build())) {
            StringBuilder sb = pool.acquire();
            ObjectName name = new ObjectName("dev.poolkit:type=ObjectPool,name=jmx-test-builders");
            ObjectPoolMXBean bean = JMX.newMXBeanProxy(server, name, ObjectPoolMXBean.class);
            assertThat(bean.getBackend()).isEqualTo("local");
            assertThat(bean.getMisses()).isEqualTo(1);
            assertThat(bean.getInUse()).isEqualTo(1);
            assertThat(bean.getMaxIdle()).isEqualTo(8);
            pool.release(sb);
            assertThat(bean.getReleases()).isEqualTo(1);
            assertThat(bean.getIdle()).isEqualTo(1);
        }
    }

    @Test
    void closeUnregistersSoTheNameCanBeUsedAgain() throws Exception {
        ObjectName name = new ObjectName("dev.poolkit:type=BlockPool,name=jmx-test-reuse");
        BlockPoolConfig config = BlockPoolConfig.builder().capacity(1).blockSize(64).jmxName("jmx-test-reuse").build();
        BlockPool first = Pools.blockPool("local", config);
        assertThat(server.isRegistered(name)).isTrue();
        first.close();
        assertThat(server.isRegistered(name)).isFalse();
        try (BlockPool second = Pools.blockPool("local", config)) {
            assertThat(server.getAttribute(name, "Capacity")).isEqualTo(second.config().capacity());
        }
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void aSecondOpenPoolWithTheSameNameIsRefusedAndTheFirstStaysRegistered() throws Exception {
        ObjectName name = new ObjectName("dev.poolkit:type=BlockPool,name=jmx-test-twice");
        try (BlockPool first = Pools.blockPool("local", BlockPoolConfig.builder().capacity(1).blockSize(64)
                .jmxName("jmx-test-twice").build())) {
            assertThatThrownBy(() -> Pools.blockPool("local", BlockPoolConfig.builder().capacity(1).blockSize(64)
                    .jmxName("jmx-test-twice").build()))
                    .isInstanceOf(PoolConfigException.class)
                    .hasMessageContaining("jmxName 'jmx-test-twice' is taken: " + name)
                    .hasMessageContaining("second pool with the same jmxName, or did not close() the first");
            // One name is one pool, whatever its shape.
            assertThatThrownBy(() -> Pools.objectPool("local", ObjectPoolConfig.builder(Object::new)
                    .jmxName("jmx-test-twice").build()))
                    .isInstanceOf(PoolConfigException.class).hasMessageContaining("is taken");
            assertThat(server.getAttribute(name, "Capacity")).isEqualTo(1);
            Block b = first.acquire();
            assertThat(server.getAttribute(name, "InUse")).isEqualTo(1L);
            first.release(b);
        }
    }

    @Test
    void aPoolWithoutAJmxNameRegistersNothing() throws Exception {
        int before = server.queryNames(new ObjectName("dev.poolkit:*"), null).size();
        try (BlockPool p = Pools.blockPool("local", BlockPoolConfig.builder().capacity(1).blockSize(64).build())) {
            assertThat(p.config().jmxName()).isEmpty();
            assertThat(server.queryNames(new ObjectName("dev.poolkit:*"), null)).hasSize(before);
        }
    }

    @Test
    void aBadNameIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> BlockPoolConfig.builder().jmxName(" "))
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("non-blank");
        assertThatThrownBy(() -> ObjectPoolConfig.builder(Object::new).jmxName("a,b"))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("jmxName 'a,b' holds ','");
        assertThat(BlockPoolConfig.builder().jmxName("x").build().toBuilder().build().jmxName()).hasValue("x");
    }
}
