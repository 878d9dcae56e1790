package dev.poolkit.api.contract;

import dev.poolkit.api.Capability;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;
import dev.poolkit.api.contract.RecordingFactory.Thing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link ObjectPool} backend must do. A backend module runs it through a thin subclass
 * that only names the backend; guarantees that differ are {@link Capability capabilities}, skipped
 * by assumption when absent. The tests under concurrency are in {@link ObjectPoolRaces}; after
 * every test nothing is left in use in any pool the test made ({@link ObjectPoolHarness}).
 */
public abstract class ObjectPoolContract extends ObjectPoolRaces {

    @Test
    void backendIsFoundByNameThroughServiceLoader() {
        assertThat(Pools.backend(backend().name())).isInstanceOf(backend().getClass());
        assertThat(pool(1).backend()).isEqualTo(backend().name());
    }

    @Test
    void jmxNameRegistersTheStatsOnThePlatformMBeanServerUntilClose() throws Exception {
        String name = "contract-" + backend().name() + "-objects";
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).maxIdle(3).jmxName(name).build());
        Thing t = p.acquire();
        JmxReads.Bean bean = JmxReads.objectPool(name);
        assertThat(bean.get("Backend")).isEqualTo(backend().name());
        assertThat(bean.get("Misses")).isEqualTo(1L);
        assertThat(bean.get("InUse")).isEqualTo(1L);
        assertThat(bean.get("MaxIdle")).isEqualTo(3);
        p.release(t);
        assertThat(bean.get("Releases")).isEqualTo(1L);
        p.close();
        assertThat(bean.isRegistered()).as("registered after close").isFalse();
    }

    @Test
    void acquireOnAnEmptyPoolMakesANewObjectAndNeverReturnsNull() {
        ObjectPool<Thing> p = pool(4);
        Thing a = p.acquire();
        Thing b = p.acquire();
        assertThat(a).isNotNull().isNotSameAs(b);
        assertThat(factory.calls()).containsExactly("make:1", "make:2");
        assertThat(p.stats().misses()).isEqualTo(2);
        p.release(a);
        p.release(b);
    }

    @Test
    void aReleasedObjectIsResetOnceAndReused() {
        ObjectPool<Thing> p = pool(4);
        Thing a = p.acquire();
        a.payload = 7;
        p.release(a);
        Thing again = p.acquire();
        assertThat(again).isSameAs(a);
        assertThat(again.resets).isEqualTo(1);
        assertThat(factory.calls()).containsExactly("make:1", "reset:1");
        p.release(again);
        assertThat(p.stats()).isEqualTo(new PoolStats(2, 2, 1, 0, 0, 0, 1));
    }

    @Test
    void maxIdleIsRespectedAndTheRestAreDiscarded() {
        ObjectPool<Thing> p = pool(4);
        List<Thing> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(p.acquire());
        }
        ten.forEach(p::release);
        assertThat(factory.discarded()).hasSize(6);
        assertThat(p.stats().discards()).isEqualTo(6);
        assertThat(p.idle()).isEqualTo(4);
        List<Thing> again = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            again.add(p.acquire());
        }
        Set<Thing> reused = new HashSet<>(again);
        reused.retainAll(ten);
        assertThat(reused).as("objects reused from the idle set").hasSize(4);
        assertThat(factory.made()).isEqualTo(16);
        again.forEach(p::release);
    }

    @Test
    void maxIdleZeroKeepsNothing() {
        ObjectPool<Thing> p = pool(0);
        Thing a = p.acquire();
        p.release(a);
        Thing b = p.acquire();
        assertThat(b).isNotSameAs(a);
        p.release(b);
        assertThat(factory.discarded()).hasSize(2);
    }

    @Test
    void aThrowingFactoryLeavesThePoolUsable() {
        ObjectPool<Thing> p = pool(4);
        IllegalStateException boom = new IllegalStateException("factory down");
        factory.failNextMake(boom);
        PoolStats before = p.stats();
        assertThatThrownBy(p::acquire).isSameAs(boom);
        assertThat(p.stats()).isEqualTo(before);
        Thing t = p.acquire();
        assertThat(t).isNotNull();
        p.release(t);
        assertThat(factory.calls()).containsExactly("make:failed", "make:1", "reset:1");
    }

    @Test
    void aFactoryReturningNullIsAClearErrorAndThePoolStaysUsable() {
        ObjectPool<Thing> p = pool(4);
        factory.returnNullOnNextMake();
        assertThatThrownBy(p::acquire).isInstanceOf(PoolException.class).hasMessageContaining("returned null");
        Thing t = p.acquire();
        assertThat(t).isNotNull();
        p.release(t);
        assertThat(p.stats().inUse()).isZero();
    }

    @Test
    void aThrowingResetDropsTheObjectAndPropagates() {
        ObjectPool<Thing> p = pool(4);
        Thing t = p.acquire();
        IllegalArgumentException boom = new IllegalArgumentException("reset failed");
        factory.failNextReset(boom);
        assertThatThrownBy(() -> p.release(t)).isSameAs(boom);
        assertThat(factory.discarded()).containsExactly(t);
        assertThat(p.stats().inUse()).isZero();
        Thing next = p.acquire();
        assertThat(next).as("the object whose reset failed is not reused").isNotSameAs(t);
        p.release(next);
    }

    @Test
    void releasingNullIsRefusedAndChangesNothing() {
        ObjectPool<Thing> p = pool(4);
        PoolStats before = p.stats();
        assertThatThrownBy(() -> p.release(null)).isInstanceOf(NullReleaseException.class)
                .hasMessageContaining("release(null)").hasMessageContaining("most likely");
        assertThat(p.stats()).isEqualTo(before);
    }

    @Test
    void releasingAnIdleObjectTwiceIsRefused() {
        assumeTrue(has(Capability.DETECTS_OBJECT_DOUBLE_RELEASE), "backend lacks DETECTS_OBJECT_DOUBLE_RELEASE");
        ObjectPool<Thing> p = pool(4);
        Thing t = p.acquire();
        p.release(t);
        PoolStats before = p.stats();
        assertThatThrownBy(() -> p.release(t)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("twice");
        assertThat(p.stats()).isEqualTo(before);
        assertThat(p.idle()).isEqualTo(1);
    }

    @Test
    void aClosedPoolRefusesAcquireAndReleaseAndDropsItsIdleObjects() {
        ObjectPool<Thing> p = pool(4);
        Thing a = p.acquire();
        Thing b = p.acquire();
        Thing c = p.acquire();
        p.release(a);
        p.release(b);
        p.close();
        assertThat(factory.discarded()).containsExactlyInAnyOrder(a, b);
        assertThatThrownBy(p::acquire).isInstanceOf(PoolClosedException.class).hasMessageContaining("after close()");
        assertThatThrownBy(() -> p.release(c)).isInstanceOf(PoolClosedException.class).hasMessageContaining("after close()")
                .hasMessageContaining("onDiscard");
        assertThat(factory.discarded()).as("released after close: not kept, but discarded").containsExactlyInAnyOrder(a, b, c);
        p.close(); // idempotent
        assertThat(factory.discardedTwice()).isZero();
    }

    @Test
    void writesBeforeReleaseAreVisibleToTheNextAcquirerOnAnotherThread() {
        ObjectPool<StringBuilder> p = pool(ObjectPoolConfig.builder(StringBuilder::new).maxIdle(1).build());
        for (int round = 0; round < 50; round++) {
            String text = "round " + round;
            AtomicReference<StringBuilder> written = new AtomicReference<>();
            TestThreads.runOnOtherThread(() -> {
                StringBuilder sb = p.acquire();
                sb.setLength(0);
                sb.append(text);
                written.set(sb);
                p.release(sb);
            });
            AtomicReference<StringBuilder> got = new AtomicReference<>();
            AtomicReference<String> seen = new AtomicReference<>();
            TestThreads.runOnOtherThread(() -> {
                StringBuilder sb = p.acquire();
                got.set(sb);
                seen.set(sb.toString());
                p.release(sb);
            });
            // maxIdle 1 keeps the builder the first thread released (a dead thread's cache is
            // shared, not dropped), so the second thread must get that very builder, text and all.
            assertThat(got.get()).as("round %d: the idle builder is reused", round).isSameAs(written.get());
            assertThat(seen.get()).as("round %d", round).isEqualTo(text);
        }
    }

    @Test
    void idleObjectsAreDroppedAfterTwoCollections() {
        assumeTrue(has(Capability.DROPS_IDLE_ON_GC), "backend lacks DROPS_IDLE_ON_GC");
        ObjectPool<Thing> p = pool(64);
        List<Thing> things = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            things.add(p.acquire());
        }
        things.forEach(p::release);
        int idle = p.idle();
        assertThat(idle).isPositive();
        // Objects in the shared store are dropped by the collector's sentinel; objects cached by
        // this thread are dropped the next time it touches the pool. Collect until the shared
        // ones are gone (observable through onDiscard), then touch the pool.
        long deadline = System.nanoTime() + TestThreads.SAFETY_NET.toNanos();
        while (factory.discarded().size() < 40 - 16 && System.nanoTime() < deadline) {
            System.gc();
            Thread.yield();
        }
        assertThat(factory.discarded().size()).as("dropped by collections").isGreaterThanOrEqualTo(40 - 16);
        Thing fresh = p.acquire();
        assertThat(things).as("an idle object that survived two collections").doesNotContain(fresh);
        assertThat(factory.discarded()).containsExactlyInAnyOrderElementsOf(things);
        p.release(fresh);
    }

    @Test
    void exactMaxIdleHoldsAcrossThreads() {
        assumeTrue(has(Capability.EXACT_MAX_IDLE), "backend lacks EXACT_MAX_IDLE");
        ObjectPool<Thing> p = pool(8);
        TestThreads.runAll(4, id -> {
            List<Thing> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                mine.add(p.acquire());
            }
            mine.forEach(p::release);
        });
        assertThat(p.idle()).isLessThanOrEqualTo(8);
        // Every object made is now either idle or dropped: none is lost or kept beyond maxIdle.
        assertThat(p.stats().discards()).isEqualTo(p.stats().misses() - p.idle());
    }

    /**
     * close() reaches what other threads cache: a dead thread's objects at the close, a live
     * thread's when it next uses the closed pool, or at the first collection after it dies.
     */
    @Test
    void closeDropsWhatOtherThreadsCacheToo() {
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).onDiscard(factory::discard).maxIdle(256).build());
        // Each thread makes and releases 4 objects, then: ends before the close, uses the pool
        // after it, or ends after it without touching the pool again.
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch cached = new CountDownLatch(2);
        Thread diedBefore = TestThreads.newThread(() -> useFour(p), "died-before-close");
        Thread usesAfter = TestThreads.newThread(() -> {
            useFour(p);
            cached.countDown();
            TestThreads.await(closed);
            assertThatThrownBy(p::acquire).isInstanceOf(PoolClosedException.class);
        }, "uses-after-close");
        Thread diesAfter = TestThreads.newThread(() -> {
            useFour(p);
            cached.countDown();
            TestThreads.await(closed);
        }, "dies-after-close");
        diedBefore.start();
        TestThreads.join(diedBefore);
        usesAfter.start();
        diesAfter.start();
        TestThreads.await(cached);
        p.close();
        closed.countDown();
        TestThreads.join(usesAfter);
        TestThreads.join(diesAfter);
        collectUntil(() -> factory.discarded().size() >= factory.made());
        assertThat(factory.made()).isGreaterThanOrEqualTo(4);
        assertThat(factory.discarded()).as("every object made reaches onDiscard").hasSize(factory.made());
        assertThat(factory.discardedTwice()).isZero();
    }

    /**
     * Thread-per-task: each task runs on a new thread (virtual ones when the suite runs on them)
     * that stays alive afterwards, and never two tasks at once. Objects released by one task are
     * reused by the next, so the pool makes a handful, not one per thread, and keeps no more idle
     * than maxIdle plus a bound that does not grow with the number of threads.
     */
    @Test
    void objectsReleasedByOneThreadAreReusedByTheNextThreadPerTask() {
        int tasks = 2_000;
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).onDiscard(factory::discard).maxIdle(64).build());
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> alive = new ArrayList<>();
        try {
            for (int i = 0; i < tasks; i++) {
                CountDownLatch done = new CountDownLatch(1);
                Thread t = TestThreads.newThread(() -> {
                    p.release(p.acquire());
                    done.countDown();
                    TestThreads.await(end); // stays alive: its cache, if it has one, is not taken back
                }, "task-" + i);
                t.setDaemon(true);
                t.start();
                alive.add(t);
                TestThreads.await(done);
            }
            assertThat(p.stats().acquires()).isEqualTo(tasks);
            assertThat(factory.made()).as("objects made for %d live threads in turn", tasks).isLessThanOrEqualTo(64);
            assertThat(p.idle()).isLessThanOrEqualTo(64 + 64);
        } finally {
            end.countDown();
            alive.forEach(TestThreads::join);
        }
    }

    private static void useFour(ObjectPool<Thing> p) {
        List<Thing> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(p.acquire());
        }
        four.forEach(p::release);
    }
}
