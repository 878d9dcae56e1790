package dev.poolkit.api.contract;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.spi.PoolBackend;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.ArrayDeque;

/**
 * The block-pool contract as a model check: {@code tryAcquire} and {@code release} of a two-block
 * pool, run by a model checker under every interleaving it can reach and compared with a
 * sequential specification (a count of free blocks). Each thread releases only blocks it took, so
 * the specification needs no block identities: "tryAcquire returns a block iff one is free" and
 * "a released block is free again at once" are what is checked, plus whatever the pool throws.
 * A backend runs it through a subclass with a no-argument constructor that names the backend
 * (the checker makes one instance per scenario), and {@link #check}.
 *
 * <p>Two blocks is small enough for {@code local} to keep no per-thread cache (its magazines
 * share a quarter of the pool), so every backend must be exact here.
 *
 * <p>Not for {@code commons}: Commons Pool finds a returned object in an identity map keyed by
 * {@code System.identityHashCode}, which the checker's instrumentation does not keep stable between
 * the pool's construction and the scenario, so every return is refused as foreign; that backend is
 * covered by the stress and race tests instead.
 */
public abstract class BlockPoolModel {
    static final int CAPACITY = 2;
    private static final int MAX_THREADS = 4;

    private final BlockPool pool;
    private final java.util.List<ArrayDeque<Block>> held = new java.util.ArrayList<>();

    protected BlockPoolModel(PoolBackend backend) {
        this.pool = backend.newBlockPool(BlockPoolConfig.builder().capacity(CAPACITY).blockSize(64).build());
        for (int i = 0; i < MAX_THREADS; i++) {
            held.add(new ArrayDeque<>()); // one per thread: a thread releases only what it took
        }
    }

    @Operation
    public boolean tryAcquire(@Param(gen = ThreadIdGen.class) int thread) {
        Block b = pool.tryAcquire();
        if (b == null) {
            return false;
        }
        held.get(thread).push(b);
        return true;
    }

    @Operation
    public boolean release(@Param(gen = ThreadIdGen.class) int thread) {
        Block b = held.get(thread).poll();
        if (b == null) {
            return false;
        }
        pool.release(b);
        return true;
    }

    /** Model-checks {@code model}, a concrete subclass, against {@link FreeCount}. */
    public static void check(Class<? extends BlockPoolModel> model) {
        new ModelCheckingOptions().iterations(ModelChecks.ITERATIONS).invocationsPerIteration(ModelChecks.INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(0).actorsAfter(0)
                .sequentialSpecification(FreeCount.class).check(model);
    }

    /** The specification: how many blocks are free, and how many each thread holds. */
    public static final class FreeCount {
        private int free = CAPACITY;
        private final int[] held = new int[MAX_THREADS];

        public boolean tryAcquire(int thread) {
            if (free == 0) {
                return false;
            }
            free--;
            held[thread]++;
            return true;
        }

        public boolean release(int thread) {
            if (held[thread] == 0) {
                return false;
            }
            held[thread]--;
            free++;
            return true;
        }
    }

    /**
     * The racing double release as a model check: one block, taken before the scenario, released
     * by every thread at once. Exactly the first release (in the order the checker finds) wins;
     * every other is refused with {@link DoubleReleaseException}.
     */
    public abstract static class DoubleRelease {
        private final BlockPool pool;
        private final Block block;

        protected DoubleRelease(PoolBackend backend) {
            this.pool = backend.newBlockPool(BlockPoolConfig.builder().capacity(CAPACITY).blockSize(64).build());
            this.block = pool.acquire();
        }

        @Operation
        public boolean release() {
            try {
                pool.release(block);
                return true;
            } catch (DoubleReleaseException e) {
                return false;
            }
        }

        /**
         * After each scenario: the block is in the free set exactly once (a double release that
         * got through would put it there twice, and it would come out twice).
         */
        @Validate
        public void everyBlockFreeExactlyOnce() {
            java.util.Set<Block> free = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Block b = pool.tryAcquire(); b != null; b = pool.tryAcquire()) {
                if (!free.add(b)) {
                    throw new IllegalStateException(b + " was free twice");
                }
            }
            if (free.size() != CAPACITY) {
                throw new IllegalStateException(free.size() + " blocks free of " + CAPACITY);
            }
        }

        /** Model-checks {@code model}, a concrete subclass, against {@link OneWinner}. */
        public static void check(Class<? extends DoubleRelease> model) {
            new ModelCheckingOptions().iterations(ModelChecks.ITERATIONS).invocationsPerIteration(ModelChecks.INVOCATIONS)
                    .threads(2).actorsPerThread(2).actorsBefore(0).actorsAfter(0)
                    .sequentialSpecification(OneWinner.class).check(model);
        }
    }

    /** The specification of {@link DoubleRelease}. */
    public static final class OneWinner {
        private boolean released;

        public boolean release() {
            if (released) {
                return false;
            }
            released = true;
            return true;
        }

    }
}
