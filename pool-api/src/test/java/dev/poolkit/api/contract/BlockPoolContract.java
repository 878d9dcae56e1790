package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.Capability;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.ForeignThreadException;
import dev.poolkit.api.LeakReport;
import dev.poolkit.api.MemoryKind;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolInterruptedException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;
import dev.poolkit.spi.PoolBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link BlockPool} backend must do, whatever its free set. A backend module runs it
 * through a thin subclass that only names the backend. Guarantees that differ between backends are
 * declared as {@link Capability capabilities} and skipped by assumption when absent. The tests
 * under concurrency are in {@link BlockPoolRaces}, the shared checks in {@link BlockPoolHarness}
 * (after every test: each block free exactly once, none lost).
 */
public abstract class BlockPoolContract extends BlockPoolRaces {

    // ------------------------------------------------------------------ registry

    @Test
    void backendIsFoundByNameThroughServiceLoader() {
        PoolBackend b = backend();
        assertThat(Pools.names()).contains(b.name());
        assertThat(Pools.backend(b.name())).isInstanceOf(b.getClass());
        BlockPool p = pool(2, 64);
        assertThat(p.backend()).isEqualTo(b.name());
    }

    @Test
    void jmxNameRegistersTheStatsOnThePlatformMBeanServerUntilClose() throws Exception {
        String name = "contract-" + backend().name() + "-blocks";
        BlockPool p = pool(BlockPoolConfig.builder().capacity(4).blockSize(64).jmxName(name).build());
        Block b = p.acquire();
        JmxReads.Bean bean = JmxReads.blockPool(name);
        assertThat(bean.get("Backend")).isEqualTo(backend().name());
        assertThat(bean.get("Acquires")).isEqualTo(1L);
        assertThat(bean.get("InUse")).isEqualTo(1L);
        assertThat(bean.get("Free")).isEqualTo(3L);
        assertThat(bean.get("Capacity")).isEqualTo(4);
        p.release(b);
        assertThat(bean.get("Releases")).isEqualTo(1L);
        p.close();
        assertThat(bean.isRegistered()).as("registered after close").isFalse();
    }

    // ------------------------------------------------------------------ fresh pool

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void freshPoolHandsOutEveryBlockOnceAlignedAndDisjoint(MemoryKind memory) {
        int align = memory == MemoryKind.DIRECT ? 64 : MemoryKind.maxHeapAlignment();
        // 100 is not a multiple of a direct slab's alignment, so its stride (128) differs from the block size.
        BlockPool p = pool(BlockPoolConfig.builder().capacity(16).blockSize(100).alignment(align)
                .memory(memory).build());
        assertThat(p.config().stride()).isEqualTo((100 + align - 1) / align * align);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            blocks.add(p.acquire());
        }
        assertThat(blocks).extracting(Block::index).containsExactlyInAnyOrderElementsOf(range(16));
        for (Block b : blocks) {
            ByteBuffer buf = b.buffer();
            assertThat(buf.position()).isZero();
            assertThat(buf.limit()).isEqualTo(100);
            assertThat(buf.capacity()).isEqualTo(100);
            assertThat(buf.isDirect()).isEqualTo(memory == MemoryKind.DIRECT);
            assertThat(buf.alignmentOffset(0, align)).as("alignment of block #%d", b.index()).isZero();
            assertThat(b.pool()).isSameAs(p);
            assertThat(b.isPooled()).isTrue();
            assertThat(b.isInUse()).isTrue();
        }
        // Disjoint: fill every block with its own byte, then check none was overwritten by another.
        for (Block b : blocks) {
            fill(b.buffer(), (byte) b.index());
        }
        for (Block b : blocks) {
            for (int i = 0; i < 100; i++) {
                assertThat(b.buffer().get(i)).as("byte %d of block #%d", i, b.index()).isEqualTo((byte) b.index());
            }
        }
        assertThat(p.tryAcquire()).isNull();
        Block one = blocks.remove(7);
        p.release(one);
        assertThat(one.isInUse()).isFalse();
        Block again = p.tryAcquire();
        assertThat(again).isSameAs(one);
        blocks.add(again);
        blocks.forEach(p::release);
    }

    @Test
    void releasedBufferIsResetForTheNextHolder() {
        BlockPool p = pool(1, 64);
        Block b = p.acquire();
        b.buffer().order(ByteOrder.LITTLE_ENDIAN).position(10).limit(20).mark();
        b.buffer().putInt(10, 0xCAFEBABE);
        p.release(b);
        Block next = p.acquire();
        assertThat(next.buffer().position()).isZero();
        assertThat(next.buffer().limit()).isEqualTo(64);
        assertThat(next.buffer().order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> next.buffer().reset()).as("mark cleared").isInstanceOf(java.nio.InvalidMarkException.class);
        p.release(next);
    }

    @Test
    void writesBeforeReleaseAreVisibleToTheNextAcquirerOnAnotherThread() {
        BlockPool p = pool(1, 256);
        for (int round = 0; round < 50; round++) {
            long stamp = 0x5EED_0000_0000L + round;
            TestThreads.runOnOtherThread(() -> {
                Block b = p.acquire();
                for (int i = 0; i < 256; i += 8) {
                    b.buffer().putLong(i, stamp);
                }
                p.release(b);
            });
            AtomicReference<String> seen = new AtomicReference<>("not run");
            TestThreads.runOnOtherThread(() -> {
                Block b = p.acquire();
                String bad = null;
                for (int i = 0; i < 256 && bad == null; i += 8) {
                    if (b.buffer().getLong(i) != stamp) {
                        bad = "offset " + i + " holds " + Long.toHexString(b.buffer().getLong(i));
                    }
                }
                p.release(b);
                seen.set(bad == null ? "ok" : bad);
            });
            assertThat(seen.get()).as("round %d", round).isEqualTo("ok");
        }
    }

    @Test
    void blocksCachedByThreadsThatDiedAreAllAvailableAgain() {
        BlockPool p = pool(64, 64);
        for (int wave = 0; wave < 10; wave++) {
            TestThreads.runAll(20, i -> {
                List<Block> held = new ArrayList<>();
                for (int k = 0; k <= i % 3; k++) {
                    Block b = p.tryAcquire();
                    if (b != null) {
                        held.add(b);
                    }
                }
                held.forEach(p::release);
            });
        }
        assertAllFreeExactlyOnce(p); // from this thread: every block must be reachable
    }

    @Test
    void aBlockReleasedOnALiveThreadIsAvailableToOthersAtOnce() {
        assumeTrue(has(Capability.EXACT_AVAILABILITY), "backend lacks EXACT_AVAILABILITY (per-thread caches)");
        BlockPool p = pool(4, 64);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = TestThreads.newThread(() -> {
            Block b = p.acquire();
            p.release(b);
            released.countDown();
            TestThreads.await(done); // stay alive: the block must not depend on this thread dying
        }, "holder");
        holder.start();
        TestThreads.await(released);
        List<Block> all = new ArrayList<>();
        for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
            all.add(b);
        }
        done.countDown();
        TestThreads.join(holder);
        assertThat(all).hasSize(4);
        all.forEach(p::release);
    }

    // ------------------------------------------------------------------ taps

    @Test
    void aTapHandsOutAndTakesBackTheSameBlocksAsThePool() {
        BlockPool p = pool(8, 64);
        BlockTap tap = p.tap();
        List<Block> all = new ArrayList<>();
        Set<Integer> indices = new HashSet<>();
        for (Block b = tap.tryAcquire(); b != null; b = tap.tryAcquire()) {
            assertThat(indices.add(b.index())).as("block #%d handed out twice", b.index()).isTrue();
            all.add(b);
        }
        assertThat(all).hasSize(8);
        assertThat(p.stats().inUse()).isEqualTo(8);
        assertThat(p.tryAcquire()).isNull();
        for (int i = 0; i < all.size(); i++) {
            BlockTap via = i % 2 == 0 ? tap : p; // a tap's blocks are the pool's: either may take them back
            via.release(all.get(i));
        }
        Block b = p.acquire();
        tap.release(b);
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(9);
        assertThat(s.releases()).isEqualTo(9);
        assertThat(s.inUse()).isZero();
        assertThat(s.highWater()).isEqualTo(8);
    }

    @Test
    void aTapRefusesEveryOtherThreadAndChangesNothing() {
        BlockPool p = pool(4, 64);
        BlockTap tap = p.tap();
        Block held = tap.acquire();
        PoolStats before = p.stats();
        List<Throwable> refusals = new ArrayList<>();
        TestThreads.runOnOtherThread(() -> {
            for (Runnable call : List.<Runnable>of(tap::acquire, tap::tryAcquire, () -> tap.release(held))) {
                try {
                    call.run();
                } catch (ForeignThreadException e) {
                    refusals.add(e);
                }
            }
        });
        assertThat(refusals).hasSize(3);
        assertThat(refusals.get(0)).hasMessageContaining("tap()").hasMessageContaining("shared one between threads");
        assertThat(p.stats()).isEqualTo(before);
        assertThat(held.isInUse()).isTrue();
        tap.release(held);
    }

    @Test
    void aTapRefusesMisuseLikeThePoolAndChangesNothing() {
        BlockPool p = pool(4, 64);
        BlockPool other = pool(2, 64);
        BlockTap tap = p.tap();
        Block b = tap.acquire();
        tap.release(b);
        Block foreign = other.acquire();
        PoolStats before = p.stats();
        assertThatThrownBy(() -> tap.release(null)).isInstanceOf(NullReleaseException.class);
        assertThatThrownBy(() -> tap.release(b)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("release() twice");
        assertThatThrownBy(() -> tap.release(foreign)).isInstanceOf(ForeignObjectException.class);
        assertThat(p.stats()).isEqualTo(before);
        assertThat(foreign.isInUse()).isTrue();
        other.release(foreign);
        Block out = tap.acquire();
        p.close();
        assertThatThrownBy(tap::acquire).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(tap::tryAcquire).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> tap.release(out)).isInstanceOf(PoolClosedException.class);
        expectLeaks(p, 1);
    }

    @Test
    void aReleaseThroughATapWakesAWaiter() {
        BlockPool p = pool(2, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        BlockTap tap = p.tap();
        List<Block> all = new ArrayList<>(List.of(tap.acquire(), tap.acquire()));
        AtomicReference<Block> got = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> {
            Block b = p.acquire();
            got.set(b);
            p.release(b);
        }, "waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        Block given = all.remove(0);
        tap.release(given); // into this thread's cache, were nobody waiting
        TestThreads.join(waiter);
        assertThat(got.get()).isSameAs(given);
        all.forEach(tap::release);
    }

    // ------------------------------------------------------------------ misuse

    @Test
    void releasingNullIsRefusedAndChangesNothing() {
        BlockPool p = pool(4, 64);
        Block held = p.acquire();
        PoolStats before = p.stats();
        assertThatThrownBy(() -> p.release(null)).isInstanceOf(NullReleaseException.class)
                .hasMessageContaining("release(null)").hasMessageContaining("most likely");
        assertThat(p.stats()).isEqualTo(before);
        p.release(held);
    }

    @Test
    void releasingTwiceIsRefusedAndTheBlockIsNotFreedTwice() {
        BlockPool p = pool(4, 64);
        Block b = p.acquire();
        p.release(b);
        PoolStats before = p.stats();
        assertThatThrownBy(() -> p.release(b)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("Block#" + b.index()).hasMessageContaining("release() twice");
        assertThat(p.stats()).isEqualTo(before);
        // The invariant check after the test proves the block sits in the free set once.
    }

    @Test
    void releasingABlockOfAnotherPoolIsRefusedAndBothPoolsAreIntact() {
        BlockPool mine = pool(2, 64);
        BlockPool theirs = pool(2, 64);
        Block foreign = theirs.acquire();
        foreign.buffer().position(8);
        assertThatThrownBy(() -> mine.release(foreign)).isInstanceOf(ForeignObjectException.class)
                .hasMessageContaining("wrong pool").hasMessageContaining("belongs to");
        assertThat(foreign.isInUse()).isTrue();
        assertThat(foreign.buffer().position()).as("the holder's buffer is untouched").isEqualTo(8);
        assertThat(theirs.stats().inUse()).isEqualTo(1);
        assertThat(mine.stats().inUse()).isZero();
        theirs.release(foreign);
    }

    @Test
    void acquiringFromAClosedPoolIsRefused() {
        BlockPool p = pool(2, 64);
        p.close();
        assertThat(p.isClosed()).isTrue();
        assertThatThrownBy(p::acquire).isInstanceOf(PoolClosedException.class).hasMessageContaining("after close()");
        assertThatThrownBy(p::tryAcquire).isInstanceOf(PoolClosedException.class);
        p.close(); // idempotent
    }

    @Test
    void releasingIntoAClosedPoolIsRefusedAndTheBlockStaysReportedAsOut() {
        BlockPool p = pool(2, 64);
        Block b = p.acquire();
        p.close();
        assertThatThrownBy(() -> p.release(b)).isInstanceOf(PoolClosedException.class)
                .hasMessageContaining("after close()").hasMessageContaining("leaked");
        assertThat(p.leaks().blocks()).extracting(LeakReport.Leak::index).containsExactly(b.index());
        expectLeaks(p, 1);
    }

    @Test
    void closeReportsTheBlocksStillOutAndWhereTheyWereTakenWhenTracking() {
        BlockPool p = pool(BlockPoolConfig.builder().capacity(4).blockSize(64).leakTracking(true).build());
        Block kept = takeAndForget(p);
        Block returned = p.acquire();
        p.release(returned);
        LeakReport report = p.leaks();
        assertThat(report.blocks()).extracting(LeakReport.Leak::index).containsExactly(kept.index());
        assertThat(report.blocks().get(0).acquiredAt().getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("takeAndForget"));
        assertThat(report.describe()).contains("1 block(s) still out").contains("takeAndForget");
        p.close();
        assertThat(p.leaks().count()).isEqualTo(1);
        expectLeaks(p, 1);
    }

    private static Block takeAndForget(BlockPool p) {
        return p.acquire();
    }

    @Test
    void leakReportWithoutTrackingSaysHowToTurnItOn() {
        BlockPool p = pool(2, 64);
        Block b = p.acquire();
        assertThat(p.leaks().describe()).contains("block #" + b.index()).contains("leakTracking(true)");
        p.release(b);
        assertThat(p.leaks().isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ exhaustion

    @Test
    void failPolicyThrowsAtOnceWithTheNumbers() {
        BlockPool p = pool(4, ExhaustionPolicy.fail());
        List<Block> all = takeAll(p);
        assertThatThrownBy(p::acquire).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("capacity 4").hasMessageContaining("4 in use").hasMessageContaining("fail");
        assertThat(p.tryAcquire()).isNull();
        assertThat(p.stats().exhaustions()).isEqualTo(2);
        all.forEach(p::release);
    }

    @Test
    void waitPolicyGivesUpAfterItsTimeout() {
        Duration wait = Duration.ofMillis(50);
        BlockPool p = pool(2, ExhaustionPolicy.await(wait));
        List<Block> all = takeAll(p);
        long start = System.nanoTime();
        assertThatThrownBy(p::acquire).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("after waiting").hasMessageContaining("capacity 2").hasMessageContaining("2 in use");
        assertThat(System.nanoTime() - start).as("waited at least the timeout").isGreaterThanOrEqualTo(wait.toNanos());
        all.forEach(p::release);
    }

    @Test
    void aWaiterIsWokenByAReleaseOnAnotherThread() {
        BlockPool p = pool(2, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        List<Block> all = takeAll(p);
        AtomicReference<Block> got = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> {
            Block b = p.acquire();
            got.set(b);
            p.release(b);
        }, "waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        Block given = all.remove(0);
        p.release(given);
        TestThreads.join(waiter);
        assertThat(got.get()).isSameAs(given);
        all.forEach(p::release);
    }

    /**
     * A release while several threads wait must serve them all when it makes several blocks
     * visible at once (a backend with per-thread caches shares its cache then): whether the
     * releaser's cache had room or was full, whatever the cache size.
     */
    @ParameterizedTest(name = "{0} released before the waiters come")
    @ValueSource(ints = {2, 8, 16, 32, 33})
    void aReleaseWhileSeveralWaitServesThemAll(int releasedFirst) {
        int waiters = 3;
        BlockPool p = pool(1024, ExhaustionPolicy.await(TestThreads.SAFETY_NET.multipliedBy(2)));
        List<Block> all = takeAll(p);
        for (int i = 0; i < releasedFirst; i++) {
            p.release(all.remove(all.size() - 1)); // into this thread's cache, if the backend has one
        }
        CountDownLatch served = new CountDownLatch(waiters);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            Thread w = TestThreads.newThread(() -> {
                Block b = p.acquire();
                served.countDown();
                TestThreads.await(done); // hold it, so each waiter needs a block of its own
                p.release(b);
            }, "waiter-" + i);
            w.start();
            threads.add(w);
        }
        threads.forEach(w -> TestThreads.awaitParkedOrDone(w, served));
        p.release(all.remove(all.size() - 1));
        TestThreads.await(served); // fails if a waiter sleeps on while free blocks wait in the ring
        done.countDown();
        threads.forEach(TestThreads::join);
        all.forEach(p::release);
    }

    /**
     * A waiter must be served when a thread that holds free blocks in its cache dies, although a
     * death signals nobody: executor threads end after their keep-alive with blocks cached.
     */
    @Test
    void aWaiterIsServedWhenAThreadCachingFreeBlocksDies() {
        BlockPool p = pool(1024, ExhaustionPolicy.await(TestThreads.SAFETY_NET.multipliedBy(2)));
        CountDownLatch cached = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread dying = TestThreads.newThread(() -> {
            List<Block> mine = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                mine.add(p.acquire());
            }
            mine.forEach(p::release);
            cached.countDown();
            TestThreads.await(end);
        }, "dying");
        dying.start();
        TestThreads.await(cached);
        List<Block> visible = takeAllVisible(p);
        int hidden = 1024 - visible.size();
        if (hidden == 0) {
            end.countDown();
            TestThreads.join(dying);
            visible.forEach(p::release);
            assumeTrue(false, "the backend shares every release at once: no block was cached by the dying thread");
        }
        AtomicReference<Block> got = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> got.set(p.acquire()), "waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        end.countDown();
        TestThreads.join(dying);
        TestThreads.join(waiter); // fails if the waiter sleeps until its timeout
        assertThat(got.get()).isNotNull();
        p.release(got.get());
        visible.forEach(p::release);
    }

    @Test
    void aWaiterIsWokenWithAnExceptionWhenThePoolCloses() {
        BlockPool p = pool(1, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        Block held = p.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> {
            try {
                p.acquire();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        p.close();
        TestThreads.join(waiter);
        assertThat(thrown.get()).isInstanceOf(PoolClosedException.class).hasMessageContaining("closed while");
        assertThat(held.isInUse()).isTrue();
        expectLeaks(p, 1);
    }

    @Test
    void anInterruptedWaiterGetsAnExceptionAndKeepsItsInterruptStatus() {
        BlockPool p = pool(1, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        Block held = p.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> {
            try {
                p.acquire();
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }, "waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        waiter.interrupt();
        TestThreads.join(waiter);
        assertThat(thrown.get()).isInstanceOf(PoolInterruptedException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
        p.release(held);
    }

    @Test
    void unpooledPolicyHandsOutAFreshBlockThatReleaseDrops() {
        BlockPool p = pool(BlockPoolConfig.builder().capacity(2).blockSize(100).exhaustion(ExhaustionPolicy.unpooled())
                .build());
        List<Block> all = takeAll(p);
        Block extra = p.acquire();
        assertThat(extra.isPooled()).isFalse();
        assertThat(extra.index()).isEqualTo(-1);
        assertThat(extra.pool()).isSameAs(p);
        assertThat(extra.buffer().capacity()).isEqualTo(100);
        assertThat(extra.buffer().limit()).isEqualTo(100);
        assertThat(extra.buffer().alignmentOffset(0, p.config().alignment())).isZero();
        assertThat(p.tryAcquire()).as("tryAcquire ignores the policy").isNull();
        PoolStats s = p.stats();
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.inUse()).isEqualTo(3);
        assertThat(p.leaks().unpooled()).isEqualTo(1);
        p.release(extra);
        assertThatThrownBy(() -> p.release(extra)).isInstanceOf(DoubleReleaseException.class);
        assertThat(p.stats().discards()).isEqualTo(1);
        assertThat(p.tryAcquire()).as("the unpooled block did not join the pool").isNull();
        all.forEach(p::release);
    }

    // ------------------------------------------------------------------ stats

    @Test
    void statsAddUpAfterAScriptedSequence() {
        BlockPool p = pool(4, ExhaustionPolicy.fail());
        assertThat(p.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0, 0));
        Block a = p.acquire();
        Block b = p.acquire();
        Block c = p.acquire();
        p.release(b);
        Block d = p.acquire();
        Block e = p.tryAcquire();
        assertThat(e).isNotNull();
        assertThat(p.tryAcquire()).isNull();
        assertThatThrownBy(p::acquire).isInstanceOf(PoolExhaustedException.class);
        p.release(a);
        p.release(c);
        assertThat(p.stats()).isEqualTo(new PoolStats(5, 3, 0, 2, 0, 2, 4));
        p.release(d);
        p.release(e);
        Block f = p.acquire();
        p.release(f);
        assertThat(p.stats()).isEqualTo(new PoolStats(6, 6, 0, 2, 0, 0, 4));
    }

    @Test
    void highWaterCountsBlocksHeldAcrossThreads() {
        BlockPool p = pool(8, 64);
        List<Block> mine = List.of(p.acquire(), p.acquire());
        TestThreads.runOnOtherThread(() -> {
            List<Block> theirs = List.of(p.acquire(), p.acquire(), p.acquire());
            theirs.forEach(p::release);
        });
        assertThat(p.stats().highWater()).isEqualTo(5);
        mine.forEach(p::release);
        assertThat(p.stats().inUse()).isZero();
    }
}
