package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.LeakReport;
import dev.poolkit.api.MemoryKind;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolInterruptedException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link BlockPool} backend must do, whatever its free set. A backend module runs it
 * through a thin subclass that only names the backend. Guarantees that differ between backends are
 * declared as {@link Capability capabilities} and skipped by assumption when absent.
 *
 * <p>After every test the global invariant is checked on every pool the test made: each block is
 * free exactly once and none is lost (or, for a pool the test closed, exactly the blocks it meant
 * to leave out are reported).
 */
@Timeout(value = 120) // safety net only; every wait below is bounded by observable state
public abstract class BlockPoolContract {
    /** Operations per stress thread; {@code -Dpoolkit.stress.ops=N} to change. */
    protected static final int STRESS_OPS = TestThreads.intProperty("poolkit.stress.ops", 1_000_000);
    /** Stress threads; {@code -Dpoolkit.stress.threads=N} to change. */
    protected static final int STRESS_THREADS = TestThreads.intProperty("poolkit.stress.threads", 4);

    private final List<BlockPool> made = new ArrayList<>();
    private final Map<BlockPool, Integer> expectedLeaks = new IdentityHashMap<>();

    /** The backend under test. */
    protected abstract PoolBackend backend();

    protected final boolean has(Capability c) {
        return backend().capabilities().contains(c);
    }

    protected final BlockPool pool(BlockPoolConfig config) {
        BlockPool p = backend().newBlockPool(config);
        made.add(p);
        return p;
    }

    protected final BlockPool pool(int capacity, int blockSize) {
        return pool(BlockPoolConfig.builder().capacity(capacity).blockSize(blockSize).build());
    }

    protected final BlockPool pool(int capacity, ExhaustionPolicy policy) {
        return pool(BlockPoolConfig.builder().capacity(capacity).blockSize(64).exhaustion(policy).build());
    }

    /** The test closes {@code pool} on purpose with {@code n} blocks still out. */
    protected final void expectLeaks(BlockPool pool, int n) {
        expectedLeaks.put(pool, n);
    }

    @AfterEach
    final void everyBlockFreeExactlyOnce() {
        for (BlockPool p : made) {
            if (p.isClosed()) {
                assertThat(p.leaks().count()).as("blocks out of closed %s", p)
                        .isEqualTo(expectedLeaks.getOrDefault(p, 0).longValue());
                continue;
            }
            assertAllFreeExactlyOnce(p);
            p.close();
        }
    }

    /** Takes every block (all must come), checks they are distinct, and gives them back. */
    protected static void assertAllFreeExactlyOnce(BlockPool p) {
        int capacity = p.config().capacity();
        assertThat(p.stats().inUse()).as("in use before the invariant check of %s", p).isZero();
        List<Block> all = new ArrayList<>(capacity);
        Set<Integer> indices = new HashSet<>();
        for (Block b = p.tryAcquire(); b != null; b = all.size() < capacity ? p.tryAcquire() : null) {
            assertThat(indices.add(b.index())).as("block #%d handed out twice by %s", b.index(), p).isTrue();
            all.add(b);
        }
        assertThat(all).as("free blocks of %s (lost blocks?)", p).hasSize(capacity);
        assertThat(p.tryAcquire()).as("a block beyond capacity from %s", p).isNull();
        all.forEach(p::release);
        assertThat(p.stats().inUse()).isZero();
    }

    // ------------------------------------------------------------------ registry

    @Test
    void backendIsFoundByNameThroughServiceLoader() {
        PoolBackend b = backend();
        assertThat(Pools.names()).contains(b.name());
        assertThat(Pools.backend(b.name())).isInstanceOf(b.getClass());
        BlockPool p = pool(2, 64);
        assertThat(p.backend()).isEqualTo(b.name());
    }

    // ------------------------------------------------------------------ fresh pool

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void freshPoolHandsOutEveryBlockOnceAlignedAndDisjoint(MemoryKind memory) {
        int align = memory == MemoryKind.DIRECT ? 64 : MemoryKind.MAX_HEAP_ALIGNMENT;
        // 100 is not a multiple of the alignment, so the stride (128) differs from the block size.
        BlockPool p = pool(BlockPoolConfig.builder().capacity(16).blockSize(100).alignment(align)
                .memory(memory).build());
        assertThat(p.config().stride()).isEqualTo(memory == MemoryKind.DIRECT ? 128 : 104);
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
        Thread holder = new Thread(() -> {
            Block b = p.acquire();
            p.release(b);
            released.countDown();
            TestThreads.await(done); // stay alive: the block must not depend on this thread dying
        });
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
        Thread waiter = new Thread(() -> {
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

    @Test
    void aWaiterIsWokenWithAnExceptionWhenThePoolCloses() {
        BlockPool p = pool(1, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        Block held = p.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
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
        Thread waiter = new Thread(() -> {
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

    // ------------------------------------------------------------------ concurrency

    /**
     * Threads race to acquire and release; each holder claims the block in a side table and stamps
     * it with a unique ticket, and checks both before releasing. Any double hand-out shows up as a
     * failed claim or a stamp overwritten by the other holder.
     */
    @Test
    void stressNoBlockIsEverHeldByTwoThreads() {
        BlockPool p = pool(16, 64);
        StressResult r = stress(p, STRESS_THREADS, STRESS_OPS, false);
        assertThat(r.violations()).as(r.toString()).isZero();
        assertThat(r.completed()).isEqualTo((long) STRESS_THREADS * STRESS_OPS);
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(s.releases()).isEqualTo(r.acquired());
        assertThat(s.highWater()).isBetween(1L, 16L);
    }

    /** Fewer blocks than threads under the wait policy: the waiter hand-off under load. */
    @Test
    void stressWithWaitersNoBlockIsEverHeldByTwoThreads() {
        BlockPool p = pool(Math.max(1, STRESS_THREADS - 1), ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        int ops = Math.max(1, STRESS_OPS / 20);
        StressResult r = stress(p, STRESS_THREADS, ops, true);
        assertThat(r.violations()).as(r.toString()).isZero();
        assertThat(r.completed()).isEqualTo((long) STRESS_THREADS * ops);
    }

    /** Outcome of {@link #stress}. */
    protected record StressResult(long completed, long acquired, long violations, long emptyPolls,
                                  String firstViolation) {
    }

    protected static StressResult stress(BlockPool p, int threads, int opsPerThread, boolean blocking) {
        int capacity = p.config().capacity();
        AtomicIntegerArray holder = new AtomicIntegerArray(capacity); // 0 = nobody, else thread id + 1
        AtomicLong violations = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong acquired = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicReference<String> first = new AtomicReference<>();
        TestThreads.runAll(threads, id -> {
            int me = id + 1;
            long ticket = (long) me << 40;
            long done = 0;
            long extra = 0;
            long misses = 0;
            while (done < opsPerThread) {
                Block b = blocking ? p.acquire() : p.tryAcquire();
                if (b == null) {
                    misses++;
                    Thread.onSpinWait();
                    continue;
                }
                ticket = claim(b, me, ++ticket, holder, violations, first);
                Block second = null;
                if (!blocking && (ticket & 7) == 0) {
                    second = p.tryAcquire(); // sometimes hold two, to exercise the caches' batching
                    if (second != null) {
                        extra++;
                        ticket = claim(second, me, ++ticket, holder, violations, first);
                    }
                }
                if (second != null) {
                    unclaim(second, me, holder, violations, first);
                    p.release(second);
                }
                unclaim(b, me, holder, violations, first);
                p.release(b);
                done++;
            }
            completed.addAndGet(done);
            acquired.addAndGet(done + extra);
            empty.addAndGet(misses);
        });
        return new StressResult(completed.get(), acquired.get(), violations.get(), empty.get(), first.get());
    }

    /** Marks {@code b} as held by {@code me} and stamps it; returns the ticket used. */
    private static long claim(Block b, int me, long ticket, AtomicIntegerArray holder, AtomicLong violations,
                              AtomicReference<String> first) {
        if (!holder.compareAndSet(b.index(), 0, me)) {
            violation(violations, first, "block #" + b.index() + " handed to thread " + me + " while thread "
                    + holder.get(b.index()) + " holds it");
        }
        ByteBuffer buf = b.buffer();
        buf.putLong(0, ticket);
        buf.putLong(buf.capacity() - 8, ~ticket);
        return ticket;
    }

    /** Checks {@code b}'s stamp and claim are still {@code me}'s, then clears the claim. */
    private static void unclaim(Block b, int me, AtomicIntegerArray holder, AtomicLong violations,
                                AtomicReference<String> first) {
        ByteBuffer buf = b.buffer();
        long ticket = buf.getLong(0);
        if ((ticket >>> 40) != me || buf.getLong(buf.capacity() - 8) != ~ticket) {
            violation(violations, first, "stamp of block #" + b.index() + " changed under thread " + me);
        }
        if (!holder.compareAndSet(b.index(), me, 0)) {
            violation(violations, first, "claim of block #" + b.index() + " changed under thread " + me);
        }
    }

    private static void violation(AtomicLong count, AtomicReference<String> first, String what) {
        count.incrementAndGet();
        first.compareAndSet(null, what);
    }

    // ------------------------------------------------------------------ helpers

    protected static List<Block> takeAll(BlockPool p) {
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < p.config().capacity(); i++) {
            all.add(p.acquire());
        }
        return all;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static void fill(ByteBuffer buf, byte value) {
        for (int i = 0; i < buf.limit(); i++) {
            buf.put(i, value);
        }
    }
}
