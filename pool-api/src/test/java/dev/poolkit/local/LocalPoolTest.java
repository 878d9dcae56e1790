package dev.poolkit.local;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What only the local backend has: magazines and caches for platform threads (on platform threads
 * made here, whatever thread kind the contract tests run on), their sizing, and no leak.
 */
class LocalPoolTest {

    @Test
    void magazinesTogetherHideAtMostAQuarterOfThePoolAndEachAtMost32() {
        // (capacity, slots of the thread table)
        assertThat(LocalBlockPool.magazineSize(1024, 8)).isEqualTo(32);
        assertThat(LocalBlockPool.magazineSize(256, 8)).isEqualTo(8);
        assertThat(LocalBlockPool.magazineSize(31, 8)).as("tiny pools go straight to the ring").isZero();
        assertThat(LocalBlockPool.magazineSize(1 << 20, 256)).isEqualTo(32);
        for (int capacity : new int[] {1, 7, 64, 100, 1000, 4096, 1 << 20}) {
            for (int slots : new int[] {8, 16, 128, 256}) {
                assertThat((long) LocalBlockPool.magazineSize(capacity, slots) * slots).as("%d blocks, %d slots",
                        capacity, slots).isLessThanOrEqualTo(capacity / 4);
            }
        }
    }

    @Test
    void theRingStartsWithEveryBlockOnceInASpreadOrder() {
        for (int capacity : new int[] {1, 2, 16, 17, 100, 1024, 17 * 19, 4099}) {
            int stride = LocalBlockPool.spreadStride(capacity);
            java.util.BitSet seen = new java.util.BitSet(capacity);
            for (int i = 0; i < capacity; i++) {
                seen.set((int) ((long) i * stride % capacity));
            }
            assertThat(seen.cardinality()).as("capacity %d, stride %d", capacity, stride).isEqualTo(capacity);
            assertThat(capacity % stride != 0 || capacity == 1).as("stride %d divides %d", stride, capacity).isTrue();
        }
    }

    @Test
    void manyLiveThreadsCannotHideMoreThanAQuarterOfThePool() {
        // 16 live threads each take and return a block; only as many as the budget allows get a
        // magazine, so at least 3/4 of the blocks stay visible to everyone.
        BlockPool p = new LocalBackend().newBlockPool(BlockPoolConfig.builder().capacity(64).blockSize(64).build());
        java.util.concurrent.CountDownLatch used = new java.util.concurrent.CountDownLatch(16);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 16; i++) {
            Thread t = new Thread(() -> {
                try {
                    p.release(p.acquire());
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    used.countDown();
                }
                TestThreads.await(done);
            });
            t.start();
            threads.add(t);
        }
        TestThreads.await(used);
        assertThat(failures).isEmpty();
        List<Block> visible = new ArrayList<>();
        for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
            visible.add(b);
        }
        assertThat(visible.size()).isGreaterThanOrEqualTo(64 - 64 / 4);
        Throwable exhausted = org.assertj.core.api.Assertions.catchThrowable(p::acquire);
        assertThat(exhausted).hasMessageContaining((64 - visible.size()) + " more are free but cached by other threads");
        visible.forEach(p::release);
        done.countDown();
        threads.forEach(TestThreads::join);
        p.close();
    }

    @Test
    void aReleaseWhileOthersWaitSharesTheWholeMagazineAndWakesThemAll() {
        BlockPool p = new LocalBackend().newBlockPool(BlockPoolConfig.builder().capacity(256).blockSize(64)
                .exhaustion(dev.poolkit.api.ExhaustionPolicy.await(TestThreads.SAFETY_NET)).build());
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            all.add(p.acquire());
        }
        // Fill this thread's magazine with a few released blocks, then let two threads wait.
        for (int i = 0; i < 4; i++) {
            p.release(all.remove(all.size() - 1));
        }
        // The four are in this thread's magazine: invisible to the waiters until the next release.
        List<Thread> waiters = new ArrayList<>();
        AtomicInteger got = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Thread w = new Thread(() -> {
                Block b = p.acquire();
                got.incrementAndGet();
                p.release(b);
            });
            w.start();
            waiters.add(w);
        }
        waiters.forEach(TestThreads::awaitParked);
        p.release(all.remove(all.size() - 1)); // one release shares all five and wakes all three
        waiters.forEach(TestThreads::join);
        assertThat(got.get()).isEqualTo(3);
        all.forEach(p::release);
        p.close();
    }

    @Test
    void aThrowingOnDiscardWhileDroppingADeadThreadsCacheNeitherEscapesCloseNorMiscounts() {
        int slots = new dev.poolkit.internal.ThreadCaches<>().slots();
        int maxIdle = 2 * slots; // one object per cache, the rest shared
        AtomicInteger hookCalls = new AtomicInteger();
        LocalObjectPool<Object> p = (LocalObjectPool<Object>) new LocalBackend().newObjectPool(
                ObjectPoolConfig.builder(Object::new).maxIdle(maxIdle).onDiscard(o -> {
                    hookCalls.incrementAndGet();
                    throw new IllegalStateException("hook failed");
                }).build());
        assertThat(p.cacheSize()).isEqualTo(1);
        int n = maxIdle; // fills the thread's cache and the shared rings exactly
        TestThreads.runOnPlatformThread(() -> {
            List<Object> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                held.add(p.acquire());
            }
            held.forEach(p::release);
        });
        assertThat(p.stats().acquires()).isEqualTo(n);
        assertThat(p.stats().releases()).isEqualTo(n);
        // close() drops the rings and the dead thread's cache; every hook throws, none escapes.
        p.close();
        assertThat(hookCalls.get()).isEqualTo(n);
        assertThat(p.stats().releases()).as("dropping idle objects is no release").isEqualTo(n);
    }

    @Test
    void aThreadAlternatingAcquireAndReleaseStaysOnItsMagazine() {
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        Block first = p.acquire();
        p.release(first);
        int ringAfterFirst = p.sharedFree();
        for (int i = 0; i < 1000; i++) {
            p.release(p.acquire());
        }
        assertThat(p.sharedFree()).as("the ring was not touched again").isEqualTo(ringAfterFirst);
        assertThat(ringAfterFirst).as("a new magazine takes one block; its batch grows with use").isEqualTo(256 - 1);
        p.close();
    }

    @Test
    void aTapOnAPlatformThreadWorksOnThatThreadsMagazine() {
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        TestThreads.runOnPlatformThread(() -> {
            BlockTap tap = p.tap();
            tap.release(tap.acquire());
            int ringAfterFirst = p.sharedFree();
            for (int i = 0; i < 1000; i++) {
                tap.release(p.acquire()); // the pool's path and the tap's reach the same magazine
                p.release(tap.acquire());
            }
            assertThat(p.sharedFree()).as("the ring was not touched again").isEqualTo(ringAfterFirst);
            assertThat(ringAfterFirst).isEqualTo(256 - 1);
        });
        p.close();
    }

    @Test
    void aTapOnAVirtualThreadKeepsNoMagazine() {
        assumeTrue(TestThreads.virtualThreadsAvailable(), "virtual threads need Java 21+");
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        AtomicInteger ringAfterRelease = new AtomicInteger(-1);
        Thread t = TestThreads.newVirtualThread(() -> {
            BlockTap tap = p.tap();
            Block b = tap.acquire();
            tap.release(b);
            ringAfterRelease.set(p.sharedFree());
        }, "virtual");
        t.start();
        TestThreads.join(t);
        assertThat(ringAfterRelease.get()).as("back to the ring, or to the thread's slot").isGreaterThanOrEqualTo(256 - 1);
        assertThat(ringAfterRelease.get() + p.homedFree()).as("no block kept for the ended thread").isEqualTo(256);
        p.close();
    }

    /** Capacity 16: magazines of 0 (every thread works on the slots and the ring) and 2 slots. */
    private static LocalBlockPool withoutMagazines(dev.poolkit.api.ExhaustionPolicy exhaustion) {
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(16).blockSize(64).exhaustion(exhaustion).build());
        assertThat(p.magazineSize()).isZero();
        assertThat(p.homeCount()).isEqualTo(2);
        return p;
    }

    /** A platform thread, not started, whose slot differs from the calling thread's. */
    private static Thread onAnotherSlot(LocalBlockPool p, Runnable task) {
        while (true) {
            Thread t = new Thread(task, "other-slot");
            if (p.homeOf(t) != p.homeOf(Thread.currentThread())) {
                return t; // thread ids rise by one, so the second try at the latest
            }
        }
    }

    @Test
    void aThreadWithoutAMagazineReusesTheBlockInItsSlot() {
        LocalBlockPool p = withoutMagazines(dev.poolkit.api.ExhaustionPolicy.fail());
        Block first = p.acquire();
        p.release(first);
        assertThat(p.homedFree()).as("released to this thread's slot").isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            Block b = p.acquire();
            assertThat(b).as("the slot's block, again").isSameAs(first);
            p.release(b);
        }
        assertThat(p.sharedFree()).as("the ring was not touched again").isEqualTo(16 - 1);
        p.close();
    }

    @Test
    void blocksInOtherThreadsSlotsAreNotHidden() {
        LocalBlockPool p = withoutMagazines(dev.poolkit.api.ExhaustionPolicy.fail());
        p.release(p.acquire()); // into this thread's slot
        AtomicInteger taken = new AtomicInteger();
        Thread other = onAnotherSlot(p, () -> {
            List<Block> held = new ArrayList<>();
            for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
                held.add(b);
            }
            taken.set(held.size());
            held.forEach(p::release);
        });
        other.start();
        TestThreads.join(other);
        assertThat(taken.get()).as("tryAcquire found the block in the other thread's slot too").isEqualTo(16);
        p.close();
    }

    @Test
    void aReleaseIntoASlotWakesAWaiterThatHashesElsewhere() {
        LocalBlockPool p = withoutMagazines(dev.poolkit.api.ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add(p.acquire());
        }
        java.util.concurrent.atomic.AtomicReference<Block> got = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiter = onAnotherSlot(p, () -> got.set(p.acquire()));
        waiter.start();
        TestThreads.awaitParked(waiter);
        Block released = all.remove(0);
        p.release(released); // into this thread's slot, not the ring, and not the waiter's slot
        TestThreads.join(waiter); // before the fix: asleep for the whole safety net beside a free block
        assertThat(got.get()).isSameAs(released);
        p.release(got.get());
        all.forEach(p::release);
        p.close();
    }

    @Test
    void aPoolUsedByALongLivedThreadCanStillBeCollected() {
        // The per-thread state lives in this (long-lived) test thread's ThreadLocal map; if it
        // referenced the pool, the pool could never be collected while the thread lives.
        WeakReference<BlockPool> blocks = useAndDropBlockPool();
        WeakReference<ObjectPool<Object[]>> objects = useAndDropObjectPool();
        long deadline = System.nanoTime() + TestThreads.SAFETY_NET.toNanos();
        while ((blocks.get() != null || objects.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.yield();
        }
        assertThat(blocks.get()).as("block pool collected").isNull();
        assertThat(objects.get()).as("object pool collected").isNull();
    }

    /**
     * A homed block's release only ends its lease: a double release is refused and changes
     * nothing, and the block stays in its slot (neither the ring nor a magazine gets a copy).
     */
    @Test
    void aHomedBlockIsReleasedOnceAndStaysInItsSlot() {
        LocalBlockPool p = withoutMagazines(dev.poolkit.api.ExhaustionPolicy.fail());
        Block b = p.acquire();
        p.release(b); // adopted by this thread's slot
        assertThat(p.homed()).isEqualTo(1);
        Block again = p.acquire();
        assertThat(again).isSameAs(b);
        again.buffer().putInt(42);
        p.release(again);
        assertThat(again.buffer().position()).as("not reset at release: its next claim resets it").isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.release(again))
                .isInstanceOf(dev.poolkit.api.DoubleReleaseException.class);
        assertThat(p.homedFree()).isEqualTo(1);
        assertThat(p.sharedFree()).as("the ring holds the other 15, and no copy").isEqualTo(15);
        assertThat(p.stats().inUse()).isZero();
        assertThat(p.acquire().buffer().position()).as("reset by the claim").isZero();
        p.close();
    }

    @Test
    void aPoolThatTracksLeaksHasNoHomeSlots() {
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(16).blockSize(64).leakTracking(true).build());
        assertThat(p.homeCount()).isZero();
        p.release(p.acquire());
        assertThat(p.sharedFree()).isEqualTo(16);
        p.close();
    }

    /**
     * Blocks homed by virtual threads are found by a platform thread with a magazine once the
     * ring runs dry, and go back to their slots when it releases them: every block handed out once.
     */
    @Test
    void aPlatformThreadTakesHomedBlocksLastAndGivesThemBackToTheirSlots() {
        assumeTrue(TestThreads.virtualThreadsAvailable(), "virtual threads need Java 21+");
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        for (int i = 0; i < 8; i++) {
            Thread t = TestThreads.newVirtualThread(() -> p.release(p.acquire()), "virtual-" + i);
            t.start();
            TestThreads.join(t);
        }
        int homed = p.homed();
        assertThat(homed).as("virtual threads left blocks in their slots").isPositive();
        TestThreads.runOnPlatformThread(() -> {
            java.util.Set<Block> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            int homedSeen = 0;
            for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
                assertThat(held.add(b)).as("handed out once").isTrue();
                if (dev.poolkit.internal.BlockHomes.isHomed(b)) {
                    homedSeen++;
                } else {
                    assertThat(homedSeen).as("a homed block only once the ring is empty").isZero();
                }
            }
            assertThat(homedSeen).isEqualTo(homed);
            assertThat(held).as("the ring's blocks and the homed ones").hasSize(256);
            held.forEach(p::release);
            assertThat(p.homedFree()).as("each homed block back in its slot").isEqualTo(homed);
        });
        assertThat(p.stats().inUse()).isZero();
        p.close();
    }

    private static WeakReference<BlockPool> useAndDropBlockPool() {
        BlockPool p = new LocalBackend().newBlockPool(BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        List<Block> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(p.acquire());
        }
        held.forEach(p::release); // leaves blocks in this thread's magazine
        return new WeakReference<>(p);
    }

    private static WeakReference<ObjectPool<Object[]>> useAndDropObjectPool() {
        // Each object points back at its pool, as a self-returning connection would.
        java.util.concurrent.atomic.AtomicReference<ObjectPool<Object[]>> self = new java.util.concurrent.atomic.AtomicReference<>();
        self.set(new LocalBackend().newObjectPool(ObjectPoolConfig.builder(() -> new Object[] {self.get()}).build()));
        ObjectPool<Object[]> p = self.get();
        p.release(p.acquire()); // leaves an object in this thread's cache
        return new WeakReference<>(p);
    }
}
