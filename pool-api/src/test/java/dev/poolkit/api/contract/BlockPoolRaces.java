package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.LeakReport;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block-pool contract under concurrency: stress runs bounded by work that count violations and
 * assert none, and races on the misuse the pools promise to refuse.
 */
public abstract class BlockPoolRaces extends BlockPoolHarness {

    /** Threads race to acquire and release, sometimes holding two blocks; see {@link Claims}. */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {16, CACHE_FRIENDLY_CAPACITY})
    void stressNoBlockIsEverHeldByTwoThreads(int capacity) {
        BlockPool p = pool(capacity, 64);
        int ops = capacity == 16 ? STRESS_OPS : Math.max(1, STRESS_OPS / 4);
        StressResult r = stress(p, STRESS_THREADS, ops, false);
        assertThat(r.claims().violations()).as(r.claims().toString()).isZero();
        assertThat(r.completed()).isEqualTo((long) STRESS_THREADS * ops);
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(s.releases()).isEqualTo(r.acquired());
        assertThat(s.highWater()).isBetween(1L, (long) capacity);
    }

    /**
     * The same race with a tap per thread, releasing every other block through the pool instead
     * of the tap, so the tap's path and the pool's path meet on the same blocks.
     */
    @Test
    void stressThroughTapsNoBlockIsEverHeldByTwoThreads() {
        int capacity = CACHE_FRIENDLY_CAPACITY;
        BlockPool p = pool(capacity, 64);
        int ops = Math.max(1, STRESS_OPS / 4);
        Claims claims = new Claims(capacity);
        AtomicLong completed = new AtomicLong();
        TestThreads.runAll(STRESS_THREADS, id -> {
            BlockTap tap = p.tap();
            int me = id + 1;
            long ticket = (long) me << 40;
            int spins = 0;
            long done = 0;
            while (done < ops) {
                Block b = tap.tryAcquire();
                if (b == null) {
                    TestThreads.spinOrYield(spins++);
                    continue;
                }
                spins = 0;
                claims.claim(b, me, ++ticket);
                claims.unclaim(b, me, ticket);
                ((ticket & 1) == 0 ? tap : p).release(b);
                done++;
            }
            completed.addAndGet(done);
        });
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(completed.get()).isEqualTo((long) STRESS_THREADS * ops);
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(s.releases()).isEqualTo(completed.get());
    }

    /** Fewer blocks than threads under the wait policy: the waiter hand-off under load. */
    @Test
    void stressWithWaitersNoBlockIsEverHeldByTwoThreads() {
        BlockPool p = pool(Math.max(1, STRESS_THREADS - 1), ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        int ops = Math.max(1, STRESS_OPS / 20);
        StressResult r = stress(p, STRESS_THREADS, ops, true);
        assertThat(r.claims().violations()).as(r.claims().toString()).isZero();
        assertThat(r.completed()).isEqualTo((long) STRESS_THREADS * ops);
    }

    /**
     * Waiters in a pool big enough for per-thread caches: each thread waits for one block, then
     * grabs as many more as it can see, so the pool keeps running dry while blocks sit in caches.
     * Only the first block is waited for, so no thread holds blocks while it waits (no deadlock).
     */
    @Test
    void stressWithWaitersWhileCachesHoldBlocks() {
        int capacity = CACHE_FRIENDLY_CAPACITY;
        BlockPool p = pool(BlockPoolConfig.builder().capacity(capacity).blockSize(64)
                .exhaustion(ExhaustionPolicy.await(TestThreads.SAFETY_NET)).build());
        int burst = capacity / 2 + 1; // several threads want more than half the pool at once
        int rounds = Math.max(1, STRESS_OPS / (10 * burst));
        Claims claims = new Claims(capacity);
        AtomicLong taken = new AtomicLong();
        TestThreads.runAll(STRESS_THREADS, id -> {
            int me = id + 1;
            long ticket = (long) me << 40;
            List<Block> held = new ArrayList<>(burst);
            List<Long> tickets = new ArrayList<>(burst);
            for (int r = 0; r < rounds; r++) {
                Block b = p.acquire();
                while (b != null) {
                    claims.claim(b, me, ++ticket);
                    held.add(b);
                    tickets.add(ticket);
                    b = held.size() < burst ? p.tryAcquire() : null;
                }
                taken.addAndGet(held.size());
                for (int i = held.size() - 1; i >= 0; i--) {
                    claims.unclaim(held.get(i), me, tickets.get(i));
                    p.release(held.get(i));
                }
                held.clear();
                tickets.clear();
            }
        });
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(p.stats().acquires()).isEqualTo(taken.get());
    }

    /**
     * Two threads release the same block at the same moment, many times over: the holder (the
     * thread that acquired it, which may take a fast path) and another thread. Exactly one release
     * must win and the other must be refused, or the block would enter the free set twice.
     */
    @Test
    void aDoubleReleaseRacedByTwoThreadsSucceedsExactlyOnce() {
        BlockPool p = pool(8, 64);
        int rounds = Math.max(100, STRESS_OPS / 1000);
        AtomicReference<Block> target = new AtomicReference<>();
        AtomicInteger armed = new AtomicInteger();   // round whose block is published
        AtomicInteger finished = new AtomicInteger(); // releases attempted, both threads
        AtomicLong wins = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        Claims claims = new Claims(8);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        TestThreads.runAll(2, id -> {
            try {
                for (int r = 1; r <= rounds && !stop.get(); r++) {
                    if (id == 0) {
                        Block b = p.acquire(); // the holder
                        target.set(b);
                        armed.set(r);
                    } else {
                        for (int spins = 0; armed.get() < r && !stop.get(); spins++) {
                            TestThreads.spinOrYield(spins);
                        }
                    }
                    Block b = target.get();
                    try {
                        p.release(b);
                        wins.incrementAndGet();
                    } catch (DoubleReleaseException e) {
                        refusals.incrementAndGet();
                    }
                    finished.incrementAndGet();
                    for (int spins = 0; finished.get() < 2 * r && !stop.get(); spins++) { // both tried
                        TestThreads.spinOrYield(spins);
                    }
                    if (id == 0 && (wins.get() != r || refusals.get() != r)) {
                        claims.violation("round " + r + ": " + wins.get() + " wins and " + refusals.get()
                                + " refusals after " + r + " rounds");
                        stop.set(true);
                    }
                }
            } catch (RuntimeException e) { // a corrupted pool: report it, and let the other thread stop
                claims.violation("thread " + id + ": " + e);
                stop.set(true);
            }
        });
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(p.stats().inUse()).isZero();
        // The invariant check after the test proves every block sits in the free set exactly once.
    }

    /**
     * Producers acquire and stamp blocks and hand them to consumers, who check and release them: a
     * block released on another thread than its acquirer, under load, in a pool that producers
     * keep exhausted (they wait) while consumers catch up.
     */
    @Test
    void blocksHandedBetweenThreadsAreNeverHeldTwice() {
        int capacity = 256;
        BlockPool p = pool(capacity, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        int producers = Math.max(1, STRESS_THREADS / 2);
        int perProducer = Math.max(1, STRESS_OPS / 8);
        BlockingQueue<Block> handOff = new ArrayBlockingQueue<>(capacity);
        Claims claims = new Claims(capacity);
        AtomicLong consumed = new AtomicLong();
        long total = (long) producers * perProducer;
        TestThreads.runAll(2 * producers, id -> {
            if (id < producers) {
                int me = id + 1;
                long ticket = (long) me << 40;
                for (int i = 0; i < perProducer; i++) {
                    Block b = p.acquire();
                    claims.claim(b, me, ++ticket);
                    TestThreads.put(handOff, b);
                }
            } else {
                while (consumed.get() < total) {
                    Block b = TestThreads.poll(handOff);
                    if (b == null) {
                        continue; // the others took the rest
                    }
                    long ticket = b.buffer().getLong(0);
                    claims.unclaim(b, (int) (ticket >>> 40), ticket);
                    p.release(b);
                    consumed.incrementAndGet();
                }
            }
        });
        assertThat(claims.violations()).as(claims.toString()).isZero();
        assertThat(consumed.get()).isEqualTo(total);
        assertThat(p.stats().acquires()).isEqualTo(total);
        assertThat(p.stats().releases()).isEqualTo(total);
    }

    /**
     * A snapshot taken while another thread does pairs on a one-block pool: never more in use than
     * exists, never a release counted before its acquire, a high-water mark that only grows and
     * stays within the blocks that exist, and no unpooled block invented under {@code fail()}.
     */
    @Test
    void snapshotsDuringTrafficStayWithinWhatExists() {
        checkSnapshotsDuringTraffic(1, 1);
    }

    /** The same with several threads on a pool they share. */
    @Test
    void snapshotsDuringTrafficStayWithinWhatExistsWithSeveralThreads() {
        checkSnapshotsDuringTraffic(16, STRESS_THREADS);
    }

    private void checkSnapshotsDuringTraffic(int capacity, int threads) {
        BlockPool p = pool(capacity, ExhaustionPolicy.fail());
        int ops = Math.max(1, STRESS_OPS / 4);
        AtomicInteger running = new AtomicInteger(threads);
        Claims claims = new Claims(capacity);
        Thread poller = TestThreads.newThread(() -> {
            long lastHighWater = 0;
            long snapshots = 0;
            while (running.get() > 0 || snapshots == 0) {
                TestThreads.letOthersRun(snapshots);
                PoolStats s = p.stats();
                LeakReport leaks = p.leaks();
                snapshots++;
                if (s.inUse() < 0 || s.inUse() > capacity) {
                    claims.violation("inUse " + s.inUse() + " with capacity " + capacity + ": " + s);
                }
                if (s.acquires() - s.releases() != s.inUse()) {
                    claims.violation("acquires - releases != inUse: " + s);
                }
                if (s.highWater() < lastHighWater || s.highWater() > capacity || s.highWater() < s.inUse()) {
                    claims.violation("highWater " + s.highWater() + " after " + lastHighWater + ": " + s);
                }
                if (leaks.unpooled() != 0 || leaks.count() > capacity) {
                    claims.violation("leaks under fail(): " + leaks.describe());
                }
                lastHighWater = s.highWater();
            }
        }, "stats-poller");
        poller.start();
        try {
            TestThreads.runAll(threads, id -> {
                try {
                    for (int i = 0; i < ops; i++) {
                        Block b = p.tryAcquire();
                        if (b != null) {
                            p.release(b);
                        }
                    }
                } finally {
                    running.decrementAndGet();
                }
            });
        } finally {
            TestThreads.join(poller);
        }
        assertThat(claims.violations()).as(claims.toString()).isZero();
        PoolStats s = p.stats();
        assertThat(s.inUse()).isZero();
        assertThat(s.acquires()).isEqualTo(s.releases());
        assertThat(p.leaks().isEmpty()).isTrue();
    }

    /**
     * close() while threads acquire and release: afterwards every block a thread could not give
     * back (its release came after the close) is reported, and no other; waiters wake.
     */
    @Test
    void closeRacingAcquireAndReleaseReportsExactlyTheBlocksLeftOut() {
        int capacity = 64;
        BlockPool p = pool(capacity, ExhaustionPolicy.await(TestThreads.SAFETY_NET));
        AtomicLong pairs = new AtomicLong();
        AtomicLong stranded = new AtomicLong();
        Thread closer = TestThreads.newThread(() -> {
            for (int spins = 0; pairs.get() < Math.max(1, STRESS_OPS / 100); spins++) {
                TestThreads.spinOrYield(spins);
            }
            p.close();
        }, "closer");
        closer.start();
        TestThreads.runAll(STRESS_THREADS, id -> {
            List<Block> held = new ArrayList<>();
            try {
                for (long i = 0; ; i++) {
                    TestThreads.letOthersRun(i); // the closer needs a carrier too
                    held.add(p.acquire());
                    if ((id & 1) == 0) {
                        Block extra = p.tryAcquire();
                        if (extra != null) {
                            held.add(extra);
                        }
                    }
                    while (!held.isEmpty()) {
                        p.release(held.get(held.size() - 1));
                        held.remove(held.size() - 1);
                    }
                    pairs.incrementAndGet();
                }
            } catch (PoolClosedException closed) {
                stranded.addAndGet(held.size());
            }
        });
        TestThreads.join(closer);
        assertThat(p.leaks().count()).as(p.leaks().describe()).isEqualTo(stranded.get());
        assertThat(p.stats().inUse()).isEqualTo(stranded.get());
        expectLeaks(p, (int) stranded.get());
    }

    /** Outcome of {@link #stress}. */
    protected record StressResult(long completed, long acquired, Claims claims) {
    }

    protected static StressResult stress(BlockPool p, int threads, int opsPerThread, boolean blocking) {
        Claims claims = new Claims(p.config().capacity());
        AtomicLong completed = new AtomicLong();
        AtomicLong acquired = new AtomicLong();
        TestThreads.runAll(threads, id -> {
            int me = id + 1;
            long ticket = (long) me << 40;
            long done = 0;
            long extra = 0;
            int spins = 0;
            while (done < opsPerThread) {
                Block b = blocking ? p.acquire() : p.tryAcquire();
                if (b == null) {
                    TestThreads.spinOrYield(spins++); // the holders may need this thread's carrier
                    continue;
                }
                spins = 0;
                long first = ++ticket;
                claims.claim(b, me, first);
                Block second = null;
                long secondTicket = 0;
                if (!blocking && (ticket & 7) == 0) {
                    second = p.tryAcquire(); // sometimes hold two, to exercise the caches' batching
                    if (second != null) {
                        extra++;
                        secondTicket = ++ticket;
                        claims.claim(second, me, secondTicket);
                    }
                }
                if (second != null) {
                    claims.unclaim(second, me, secondTicket);
                    p.release(second);
                }
                claims.unclaim(b, me, first);
                p.release(b);
                done++;
            }
            completed.addAndGet(done);
            acquired.addAndGet(done + extra);
        });
        return new StressResult(completed.get(), acquired.get(), claims);
    }
}
