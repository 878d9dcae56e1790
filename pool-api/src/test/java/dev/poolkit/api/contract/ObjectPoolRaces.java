package dev.poolkit.api.contract;

import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.contract.RecordingFactory.Thing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The object-pool contract under concurrency: stress runs bounded by work that count violations
 * and assert none.
 */
public abstract class ObjectPoolRaces extends ObjectPoolHarness {

    @Test
    void stressNoObjectIsEverHeldByTwoThreads() {
        // No recording reset here: millions of calls would make the recorder the bottleneck.
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).maxIdle(16).build());
        Claims claims = new Claims(1);
        int ops = STRESS_OPS;
        TestThreads.runAll(STRESS_THREADS, id -> {
            int me = id + 1;
            for (int i = 0; i < ops; i++) {
                Thing t = p.acquire();
                hold(t, me, i, claims);
                p.release(t);
            }
        });
        assertThat(claims.violations()).as(claims.toString()).isZero();
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(s.releases()).isEqualTo((long) STRESS_THREADS * ops);
        // Nothing appears from nowhere: what is idle now was made and not dropped (the local
        // backend may also have dropped idle objects at a GC, which discards does not count).
        assertThat(s.discards()).as("dropped <= made").isLessThanOrEqualTo(s.misses());
        assertThat((long) p.idle()).as("idle <= made - dropped").isLessThanOrEqualTo(s.misses() - s.discards());
        // At most one object out per thread, and one more idle in each thread's cache.
        assertThat(s.highWater()).isBetween(1L, 2L * STRESS_THREADS);
    }

    /** Claims {@code t} for {@code me}, stamps it, checks the stamp and gives up the claim. */
    private static void hold(Thing t, int me, long i, Claims claims) {
        if (!t.holder.compareAndSet(0, me)) {
            claims.violation(t + " handed to " + me + " while " + t.holder.get() + " holds it");
        }
        if (t.dropped) {
            claims.violation(t + " handed out after the pool dropped it");
        }
        long stamp = ((long) me << 32) | (i & 0xFFFF_FFFFL);
        t.payload = stamp;
        if (t.payload != stamp || !t.holder.compareAndSet(me, 0)) {
            claims.violation(t + " changed under " + me);
        }
    }

    /**
     * close() while threads acquire and release: every object the pool made reaches onDiscard
     * exactly once in the end (idle ones at the close, ones released after it at their release,
     * ones a dead thread cached at the next collection), and none is handed out after it.
     */
    @Test
    void closeRacingUseDiscardsEveryObjectExactlyOnce() {
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).onDiscard(factory::discard).maxIdle(16).build());
        AtomicLong pairs = new AtomicLong();
        Claims claims = new Claims(1);
        Thread closer = TestThreads.newThread(() -> {
            for (int spins = 0; pairs.get() < Math.max(1, STRESS_OPS / 100); spins++) {
                TestThreads.spinOrYield(spins);
            }
            p.close();
        }, "closer");
        closer.start();
        TestThreads.runAll(STRESS_THREADS, id -> {
            int me = id + 1;
            List<Thing> held = new ArrayList<>();
            try {
                for (long i = 0; ; i++) {
                    TestThreads.letOthersRun(i); // the closer needs a carrier too
                    held.add(p.acquire());
                    if ((i & 3) == 0) {
                        held.add(p.acquire());
                    }
                    for (Thing t : held) {
                        hold(t, me, i, claims);
                    }
                    while (!held.isEmpty()) {
                        Thing t = held.remove(held.size() - 1);
                        p.release(t); // after the close: refused, and the object goes to onDiscard
                    }
                    pairs.incrementAndGet();
                }
            } catch (PoolClosedException closed) {
                // Objects still in 'held' were never released: they are the test's, not the pool's.
                factory.forget(held.size());
            }
        });
        TestThreads.join(closer);
        collectUntil(() -> factory.discarded().size() >= factory.made() - factory.forgotten());
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(factory.discardedTwice()).as("objects passed to onDiscard twice").isZero();
        assertThat(factory.discarded()).as("every object made and given back reaches onDiscard")
                .hasSize(factory.made() - factory.forgotten());
        made.remove(p); // the objects the threads held at the close were never released
    }

    /** Collections age and drop idle objects while threads use the pool: none is handed out after its drop. */
    @Test
    void collectionsDroppingIdleObjectsDuringUseNeverDropAHeldObject() {
        assumeTrue(has(Capability.DROPS_IDLE_ON_GC), "backend lacks DROPS_IDLE_ON_GC");
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).onDiscard(factory::discard).maxIdle(64).build());
        Claims claims = new Claims(1);
        AtomicInteger running = new AtomicInteger(STRESS_THREADS);
        Thread collector = TestThreads.newThread(() -> {
            for (long i = 0; running.get() > 0; i++) {
                TestThreads.letOthersRun(i);
                System.gc();
            }
        }, "collector");
        collector.start();
        int ops = Math.max(1, STRESS_OPS / 10);
        try {
            TestThreads.runAll(STRESS_THREADS, id -> {
                try {
                    for (int i = 0; i < ops; i++) {
                        Thing t = p.acquire();
                        hold(t, id + 1, i, claims);
                        p.release(t);
                    }
                } finally {
                    running.decrementAndGet();
                }
            });
        } finally {
            TestThreads.join(collector);
        }
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(factory.discardedTwice()).isZero();
        assertThat(factory.discarded().size()).as("dropped <= made").isLessThanOrEqualTo(factory.made());
    }

    /** Snapshots during traffic: consistent, never negative, and no counter nor the high-water mark goes down. */
    @Test
    void snapshotsDuringTrafficAreConsistent() {
        checkSnapshotsDuringTraffic(8);
    }

    /** The same with most releases beyond maxIdle, so that the pool drops objects while snapshots are taken. */
    @Test
    void snapshotsDuringTrafficThatDropsObjectsAreConsistent() {
        checkSnapshotsDuringTraffic(1);
    }

    private void checkSnapshotsDuringTraffic(int maxIdle) {
        ObjectPool<Thing> p = pool(ObjectPoolConfig.builder(factory).maxIdle(maxIdle).build());
        AtomicInteger running = new AtomicInteger(STRESS_THREADS);
        Claims claims = new Claims(1);
        Thread poller = TestThreads.newThread(() -> {
            PoolStats last = new PoolStats(0, 0, 0, 0, 0, 0, 0);
            for (long i = 0; running.get() > 0; i++) {
                TestThreads.letOthersRun(i);
                PoolStats s = p.stats();
                if (s.inUse() < 0 || s.acquires() - s.releases() != s.inUse() || s.inUse() > s.highWater()) {
                    claims.violation("inconsistent: " + s);
                }
                if (s.highWater() < last.highWater()) {
                    claims.violation("highWater went down: " + last + ", then " + s);
                }
                if (s.acquires() < last.acquires() || s.releases() < last.releases() || s.misses() < last.misses()
                        || s.discards() < last.discards()) {
                    claims.violation("a counter went down: " + last + ", then " + s);
                }
                last = s;
            }
        }, "stats-poller");
        poller.start();
        int ops = Math.max(1, STRESS_OPS / 4);
        try {
            TestThreads.runAll(STRESS_THREADS, id -> {
                try {
                    for (int i = 0; i < ops; i++) {
                        Thing a = p.acquire();
                        Thing b = (i & 7) == 0 ? p.acquire() : null;
                        if (b != null) {
                            p.release(b);
                        }
                        p.release(a);
                    }
                } finally {
                    running.decrementAndGet();
                }
            });
        } finally {
            TestThreads.join(poller);
        }
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(p.stats().highWater()).isBetween(1L, 2L * STRESS_THREADS);
    }
}
