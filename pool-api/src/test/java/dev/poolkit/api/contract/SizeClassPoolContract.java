package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.SizeClass;
import dev.poolkit.api.SizeClassPool;
import dev.poolkit.api.SizeClassStats;
import dev.poolkit.api.UnknownBackendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@link SizeClassPool} must do over every backend: a backend module runs it through a thin
 * subclass that names the backend (as for {@link BlockPoolContract}). After every test, every class
 * of every pool the test made has each block free exactly once and none lost.
 */
public abstract class SizeClassPoolContract extends BlockPoolHarness {
    private final List<SizeClassPool> made = new ArrayList<>();

    protected final SizeClassPool.Builder builder() {
        return SizeClassPool.builder().backend(backend().name());
    }

    protected final SizeClassPool pool(SizeClassPool.Builder b) {
        SizeClassPool p = b.build();
        made.add(p);
        return p;
    }

    /** Classes of 64, 256 and 1024 bytes, 4 blocks each. */
    protected final SizeClassPool threeClasses(ExhaustionPolicy policy) {
        return pool(builder().sizeClass(1024, 4).sizeClass(64, 4).sizeClass(256, 4).exhaustion(policy));
    }

    @AfterEach
    final void everyClassFreeExactlyOnce() {
        for (SizeClassPool p : made) {
            if (p.isClosed()) {
                continue;
            }
            assertThat(p.outstanding()).as("blocks still out of %s", p).isZero();
            for (int i = 0; i < p.classes().size(); i++) {
                assertAllFreeExactlyOnce(p.classPool(i));
            }
            p.close();
        }
    }

    // ------------------------------------------------------------------ choosing the class

    @Test
    void servesEachRequestFromTheSmallestClassThatHoldsIt() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        assertThat(p.classes()).extracting(SizeClass::blockSize).containsExactly(64, 256, 1024);
        int[][] cases = {{0, 64}, {1, 64}, {64, 64}, {65, 256}, {256, 256}, {257, 1024}, {1024, 1024}};
        for (int[] c : cases) {
            Block b = p.acquire(c[0]);
            assertThat(b.buffer().limit()).as("block for %d bytes", c[0]).isEqualTo(c[1]);
            assertThat(b.buffer().capacity()).isEqualTo(c[1]);
            assertThat(b.isPooled()).isTrue();
            assertThat(b.pool()).isSameAs(p.classPool(p.classes().indexOf(new SizeClass(c[1], 4))));
            assertThat(b.pool().backend()).isEqualTo(backend().name());
            p.release(b);
        }
        SizeClassStats s = p.stats();
        assertThat(s.classes()).extracting(cs -> cs.stats().acquires()).containsExactly(3L, 2L, 2L);
        assertThat(s.total().acquires()).isEqualTo(7);
        assertThat(s.total().releases()).isEqualTo(7);
        assertThat(s.total().inUse()).isZero();
        assertThat(p.reservedBytes()).isEqualTo(4L * (64 + 256 + 1024));
    }

    @Test
    void aFullClassFollowsThePolicyAndLeavesTheOtherClassesAlone() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        List<Block> small = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            small.add(p.acquire(10));
        }
        assertThatThrownBy(() -> p.acquire(10)).isInstanceOf(PoolExhaustedException.class);
        assertThat(p.tryAcquire(10)).isNull();
        Block mid = p.acquire(100); // another class still serves
        assertThat(mid.buffer().capacity()).isEqualTo(256);
        assertThat(p.stats().classes().get(0).stats().exhaustions()).isEqualTo(2);
        assertThat(p.stats().classes().get(1).stats().exhaustions()).isZero();
        p.release(mid);
        small.forEach(p::release);
    }

    @Test
    void aFullClassUnderUnpooledHandsOutAnUnpooledBlockOfItsSize() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.unpooled());
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(p.acquire(200));
        }
        Block extra = p.acquire(200);
        assertThat(extra.isPooled()).isFalse();
        assertThat(extra.buffer().capacity()).isEqualTo(256);
        p.release(extra);
        out.forEach(p::release);
        PoolStats mid = p.stats().classes().get(1).stats();
        assertThat(mid.misses()).isEqualTo(1);
        assertThat(mid.inUse()).isZero();
    }

    @Test
    void aWaiterOnAFullClassGetsTheBlockAnotherThreadReleases() throws Exception {
        SizeClassPool p = threeClasses(ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(p.acquire(1000));
        }
        AtomicReference<Block> got = new AtomicReference<>();
        Thread waiter = TestThreads.newThread(() -> got.set(p.acquire(1000)), "size-class-waiter");
        waiter.start();
        TestThreads.awaitParked(waiter);
        p.release(out.remove(0));
        TestThreads.join(waiter);
        assertThat(got.get()).isNotNull();
        assertThat(got.get().buffer().capacity()).isEqualTo(1024);
        p.release(got.get());
        out.forEach(p::release);
    }

    // ------------------------------------------------------------------ above the largest class

    @Test
    void aRequestAboveTheLargestClassFailsAtOnceUnderFail() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        assertThatThrownBy(() -> p.acquire(1025)).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("1025 bytes").hasMessageContaining("largest class (1024 B)")
                .hasMessageContaining("Add a larger class");
        assertThat(p.tryAcquire(5000)).isNull();
        assertThat(p.stats().oversize().exhaustions()).isEqualTo(2);
        assertThat(p.stats().oversize().acquires()).isZero();
    }

    @Test
    void aRequestAboveTheLargestClassDoesNotWaitUnderAwait() {
        // An hour's wait: the test finishing at all shows the request did not wait.
        SizeClassPool p = threeClasses(ExhaustionPolicy.await(Duration.ofHours(1)));
        assertThatThrownBy(() -> p.acquire(4096)).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("no wait would help");
    }

    @Test
    void aRequestAboveTheLargestClassGetsAnExactUnpooledBlockUnderUnpooled() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.unpooled());
        Block big = p.acquire(5000);
        assertThat(big.isPooled()).isFalse();
        assertThat(big.buffer().capacity()).isEqualTo(5000);
        assertThat(big.buffer().limit()).isEqualTo(5000);
        assertThat(big.buffer().position()).isZero();
        assertThat(p.stats().oversize().inUse()).isEqualTo(1);
        assertThat(p.outstanding()).isEqualTo(1);
        p.release(big);
        assertThatThrownBy(() -> p.release(big)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("released() twice".replace("released()", "release()"));
        PoolStats over = p.stats().oversize();
        assertThat(over.acquires()).isEqualTo(1);
        assertThat(over.misses()).isEqualTo(1);
        assertThat(over.releases()).isEqualTo(1);
        assertThat(over.inUse()).isZero();
        assertThat(over.highWater()).isEqualTo(1);
        assertThat(p.stats().total().misses()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ misuse

    @Test
    void refusesANegativeRequestSayingWhatWentWrong() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        assertThatThrownBy(() -> p.acquire(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0 bytes");
    }

    @Test
    void refusesNullAndDoubleReleaseAndStaysIntact() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        assertThatThrownBy(() -> p.release(null)).isInstanceOf(NullReleaseException.class)
                .hasMessageContaining("tryAcquire(bytes) returns null");
        Block b = p.acquire(100);
        p.release(b);
        PoolStats before = p.stats().total();
        assertThatThrownBy(() -> p.release(b)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("release() twice");
        assertThat(p.stats().total()).isEqualTo(before);
    }

    @Test
    void refusesABlockOfAnotherPool() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        SizeClassPool other = threeClasses(ExhaustionPolicy.fail());
        BlockPool plain = pool(2, 64);
        Block theirs = other.acquire(10);
        Block plainBlock = plain.acquire();
        assertThatThrownBy(() -> p.release(theirs)).isInstanceOf(ForeignObjectException.class)
                .hasMessageContaining("not to any class of").hasMessageContaining("wrong pool");
        assertThatThrownBy(() -> p.release(plainBlock)).isInstanceOf(ForeignObjectException.class);
        assertThat(theirs.isInUse()).isTrue();
        other.release(theirs);
        plain.release(plainBlock);
    }

    @Test
    void refusesABlockReleasedIntoTheWrongClass() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        Block small = p.acquire(10);
        assertThatThrownBy(() -> p.classPool(1).release(small)).isInstanceOf(ForeignObjectException.class)
                .hasMessageContaining("wrong pool");
        assertThat(p.stats().classes().get(0).stats().inUse()).isEqualTo(1);
        assertThat(p.stats().classes().get(1).stats().inUse()).isZero();
        p.release(small);
    }

    @Test
    void refusesUseAfterClose() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.unpooled());
        Block b = p.acquire(10);
        Block big = p.acquire(2000);
        p.close();
        assertThatThrownBy(() -> p.acquire(10)).isInstanceOf(PoolClosedException.class)
                .hasMessageContaining("after close()");
        assertThatThrownBy(() -> p.acquire(5000)).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> p.tryAcquire(10)).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> p.release(b)).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> p.release(big)).isInstanceOf(PoolClosedException.class);
        assertThat(p.outstanding()).as("both stay counted as leaked").isEqualTo(2);
        p.close(); // idempotent
    }

    @Test
    void refusesBadSettingsWithTheReason() {
        assertThatThrownBy(() -> builder().build()).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("at least one size class");
        assertThatThrownBy(() -> builder().sizeClass(64, 1).sizeClass(64, 2).build())
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("two size classes of 64 B");
        assertThatThrownBy(() -> builder().sizeClass(0, 1)).isInstanceOf(PoolConfigException.class);
        assertThatThrownBy(() -> builder().sizeClass(64, 0)).isInstanceOf(PoolConfigException.class);
        assertThatThrownBy(() -> builder().samplingRate(3)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> SizeClassPool.builder().backend("no-such-backend").sizeClass(64, 1).build())
                .isInstanceOf(UnknownBackendException.class);
    }

    @Test
    void isBuiltFromAListOfClassesAsTheAdvisorWritesThem() {
        SizeClassPool p = pool(builder().classes(List.of(new SizeClass(3072, 8), new SizeClass(512, 32))));
        assertThat(p.classes()).containsExactly(new SizeClass(512, 32), new SizeClass(3072, 8));
        assertThat(p.largestBlockSize()).isEqualTo(3072);
        Block b = p.acquire(3000);
        assertThat(b.buffer().capacity()).isEqualTo(3072);
        p.release(b);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void twoThreadsRacingToReleaseOneBlockOneWins() {
        SizeClassPool p = threeClasses(ExhaustionPolicy.fail());
        for (int round = 0; round < 200; round++) {
            Block b = p.acquire(round % 1024);
            CountDownLatch ready = new CountDownLatch(2);
            AtomicInteger wins = new AtomicInteger();
            AtomicInteger refusals = new AtomicInteger();
            TestThreads.runAll(2, i -> {
                ready.countDown();
                TestThreads.await(ready); // both threads release as close to together as they can
                try {
                    p.release(b);
                    wins.incrementAndGet();
                } catch (DoubleReleaseException e) {
                    refusals.incrementAndGet();
                }
            });
            assertThat(wins.get()).as("round %d", round).isEqualTo(1);
            assertThat(refusals.get()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "unpooled"})
    void stressedByThreadsOfMixedSizesNeverServesTooSmallOrTwice(String policyName) {
        ExhaustionPolicy policy = policyName.equals("fail") ? ExhaustionPolicy.fail() : ExhaustionPolicy.unpooled();
        SizeClassPool p = pool(builder().sizeClass(64, CACHE_FRIENDLY_CAPACITY).sizeClass(1024, CACHE_FRIENDLY_CAPACITY)
                .sizeClass(4096, 64).exhaustion(policy));
        int ops = Math.max(1000, STRESS_OPS / 10);
        LongAdder violations = new LongAdder();
        LongAdder served = new LongAdder();
        TestThreads.runAll(STRESS_THREADS, t -> {
            SplittableRandom rnd = new SplittableRandom(t);
            for (int i = 0; i < ops; i++) {
                int bytes = rnd.nextInt(5000);
                Block b = policy.kind() == ExhaustionPolicy.Kind.FAIL ? p.tryAcquire(bytes) : p.acquire(bytes);
                if (b == null) {
                    continue;
                }
                served.increment();
                if (b.buffer().capacity() < bytes || b.buffer().position() != 0 || !b.isInUse()) {
                    violations.increment();
                }
                // Each holder writes its thread id and checks it is still there: no block is held twice.
                b.buffer().put(0, (byte) t);
                Thread.onSpinWait();
                if (b.buffer().get(0) != (byte) t) {
                    violations.increment();
                }
                p.release(b);
            }
        });
        assertThat(violations.sum()).isZero();
        assertThat(served.sum()).isPositive();
        SizeClassStats s = p.stats();
        assertThat(s.total().inUse()).isZero();
        assertThat(s.total().acquires()).isEqualTo(served.sum());
        assertThat(s.total().releases()).isEqualTo(served.sum());
    }
}
