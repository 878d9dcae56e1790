package dev.poolkit.api.contract;

import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.contract.RecordingFactory.Thing;
import dev.poolkit.spi.PoolBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the object-pool contract tests share: the backend under test, a recording factory, and
 * pools that are checked after every test (nothing left in use, then closed).
 */
@Timeout(value = 120) // safety net only
public abstract class ObjectPoolHarness {
    protected static final int STRESS_OPS = BlockPoolHarness.STRESS_OPS;
    protected static final int STRESS_THREADS = BlockPoolHarness.STRESS_THREADS;

    protected final List<ObjectPool<?>> made = new ArrayList<>();
    protected final RecordingFactory factory = new RecordingFactory();

    protected abstract PoolBackend backend();

    protected final boolean has(Capability c) {
        return backend().capabilities().contains(c);
    }

    protected final ObjectPool<Thing> pool(int maxIdle) {
        return pool(ObjectPoolConfig.builder(factory).reset(factory::reset).onDiscard(factory::discard)
                .maxIdle(maxIdle).build());
    }

    protected final <T> ObjectPool<T> pool(ObjectPoolConfig<T> config) {
        ObjectPool<T> p = backend().newObjectPool(config);
        made.add(p);
        return p;
    }

    @AfterEach
    final void nothingLeftInUse() {
        for (ObjectPool<?> p : made) {
            assertThat(p.stats().inUse()).as("objects still out of %s", p).isZero();
            assertThat(p.stats().acquires()).isEqualTo(p.stats().releases());
            p.close();
        }
    }

    /**
     * Runs collections until {@code done} holds (observable through the pool's onDiscard hook),
     * within the safety net: for what a backend drops at a collection.
     */
    protected static void collectUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + TestThreads.SAFETY_NET.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            System.gc();
            Thread.yield();
        }
    }
}
