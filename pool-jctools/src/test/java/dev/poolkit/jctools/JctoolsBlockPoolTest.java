package dev.poolkit.jctools;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.MemoryKind;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolExhaustedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract cannot see: the queue's power-of-two rounding, its limit, and allocation. */
class JctoolsBlockPoolTest {
    /** Enough operations that one allocation per operation would show as kilobytes. */
    private static final int OPS = 100_000;

    @Test
    void capacityIsExactlyWhatWasConfiguredThoughTheQueueIsRoundedUp() {
        try (JctoolsBlockPool p = pool(BlockPoolConfig.builder().capacity(100).blockSize(64).build())) {
            assertThat(p.queueCapacity()).as("JCTools rounds up to a power of two").isEqualTo(128);
            for (int round = 0; round < 2; round++) {
                List<Block> all = new ArrayList<>();
                Set<Integer> indices = new HashSet<>();
                for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
                    all.add(b);
                    indices.add(b.index());
                }
                assertThat(all).hasSize(100);
                assertThat(indices).hasSize(100).allMatch(i -> i >= 0 && i < 100);
                assertThatThrownBy(p::acquire).isInstanceOf(PoolExhaustedException.class)
                        .hasMessageContaining("capacity 100 blocks").hasMessageContaining("100 in use");
                all.forEach(p::release);
                assertThat(p.stats().inUse()).isZero();
            }
        }
    }

    @Test
    void aCapacityBeyondTheQueueLimitIsRefusedBeforeTheSlabIsAllocated() {
        // 2^30 + 1 one-byte blocks make a valid 1 GiB config; the queue cannot hold them. The
        // check must come first: if it came after the slab, this test would allocate 1 GiB.
        BlockPoolConfig huge = BlockPoolConfig.builder().capacity(Queues.MAX_CAPACITY + 1).blockSize(1).alignment(1)
                .memory(MemoryKind.HEAP).build();
        assertThatThrownBy(() -> new JctoolsBackend().newBlockPool(huge)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("capacity must be at most " + Queues.MAX_CAPACITY)
                .hasMessageContaining("got " + (Queues.MAX_CAPACITY + 1));
    }

    @Test
    void acquireAndReleaseAllocateNothing() {
        try (JctoolsBlockPool p = pool(BlockPoolConfig.builder().capacity(100).blockSize(64).build())) {
            long bytes = Allocations.bytesAllocatedBy(() -> {
                for (int i = 0; i < OPS; i++) {
                    Block a = p.acquire();
                    Block b = p.tryAcquire();
                    p.release(a);
                    p.release(b);
                }
            });
            // One object per operation would be at least 16 bytes x 4 x OPS = 6.4 MB.
            assertThat(bytes).as("bytes allocated by %d acquire/release pairs", 2 * OPS).isLessThan(1024);
        }
    }

    @Test
    void waitingAcquireStillAllocatesNothingWhenABlockIsFree() {
        // The await policy changes only the slow path; a free block is still a plain poll.
        try (JctoolsBlockPool p = pool(BlockPoolConfig.builder().capacity(3).blockSize(64)
                .exhaustion(ExhaustionPolicy.await(java.time.Duration.ofSeconds(1))).build())) {
            long bytes = Allocations.bytesAllocatedBy(() -> {
                for (int i = 0; i < OPS; i++) {
                    p.release(p.acquire());
                }
            });
            assertThat(bytes).isLessThan(1024);
        }
    }

    private static JctoolsBlockPool pool(BlockPoolConfig config) {
        return (JctoolsBlockPool) new JctoolsBackend().newBlockPool(config);
    }
}
