package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.spi.PoolBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the block-pool contract tests share: the backend under test, pools that are checked after
 * every test, and helpers. After every test the global invariant is checked on every pool the
 * test made: each block is free exactly once and none is lost (or, for a pool the test closed,
 * exactly the blocks it meant to leave out are reported).
 */
@Timeout(value = 120) // safety net only; every wait is bounded by observable state
public abstract class BlockPoolHarness {
    /** Operations per stress thread; {@code -Dpoolkit.stress.ops=N} to change. */
    protected static final int STRESS_OPS = TestThreads.intProperty("poolkit.stress.ops", 1_000_000);
    /** Stress threads; {@code -Dpoolkit.stress.threads=N} to change. */
    protected static final int STRESS_THREADS = TestThreads.intProperty("poolkit.stress.threads", 4);
    /**
     * Blocks in a pool big enough that a backend with per-thread caches gives every thread one,
     * whatever the number of cores (the {@code local} backend's caches share a quarter of the pool
     * among up to 256 slots).
     */
    protected static final int CACHE_FRIENDLY_CAPACITY = 4096;

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
        assertThat(p.leaks().isEmpty()).as("leaks of %s", p).isTrue();
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

    protected static List<Block> takeAll(BlockPool p) {
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < p.config().capacity(); i++) {
            all.add(p.acquire());
        }
        return all;
    }

    /** Every block this thread can see right now, taken with tryAcquire. */
    protected static List<Block> takeAllVisible(BlockPool p) {
        List<Block> all = new ArrayList<>();
        for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
            all.add(b);
        }
        return all;
    }

    protected static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    protected static void fill(ByteBuffer buf, byte value) {
        for (int i = 0; i < buf.limit(); i++) {
            buf.put(i, value);
        }
    }
}
