package dev.poolkit.commons;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolConfigException;
import org.apache.commons.pool2.impl.AbandonedConfig;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract cannot see of the commons block pool: Commons Pool's side of it. */
class CommonsBlockPoolTest {
    private static final BlockPoolConfig SMALL = BlockPoolConfig.builder().capacity(4).blockSize(64).build();

    @Test
    void eachBlockIsMadeOnceUpFrontAndNeverAgain() {
        try (CommonsBlockPool p = pool(SMALL, CommonsOptions.defaults())) {
            GenericObjectPool<Block> c = p.commons();
            assertThat(c.getCreatedCount()).isEqualTo(4);
            assertThat(c.getNumIdle()).isEqualTo(4);
            for (int i = 0; i < 1000; i++) {
                Block a = p.acquire();
                Block b = p.acquire();
                p.release(b);
                p.release(a);
            }
            assertThat(c.getCreatedCount()).isEqualTo(4);
            assertThat(c.getDestroyedCount()).isZero();
            assertThat(c.getMaxTotal()).isEqualTo(4);
            assertThat(c.getBlockWhenExhausted()).as("our ExhaustionPolicy decides").isFalse();
        }
    }

    @Test
    void aBlockTheValidatorRejectsOnBorrowIsRemadeAndNoneIsLostOrDoubled() {
        Set<Integer> rejectedOnce = new HashSet<>();
        CommonsOptions<Block> options = CommonsOptions.<Block>builder().configure(c -> c.setTestOnBorrow(true))
                .validator(b -> b.index() != 2 || !rejectedOnce.add(b.index())).build();
        try (CommonsBlockPool p = pool(SMALL, options)) {
            List<Block> all = takeAllThenNull(p);
            assertThat(all).extracting(Block::index).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(rejectedOnce).containsExactly(2);
            assertThat(p.commons().getDestroyedCount()).isEqualTo(1);
            assertThat(p.commons().getCreatedCount()).as("block #2 made again from the reserve").isEqualTo(5);
            all.forEach(p::release);
            assertThat(takeAllThenNull(p)).hasSize(4).doesNotHaveDuplicates().allSatisfy(p::release);
        }
    }

    @Test
    void tryAcquireOnAnInterruptedThreadNeitherThrowsNorClearsTheInterrupt() {
        try (CommonsBlockPool p = pool(SMALL, CommonsOptions.defaults())) {
            Thread.currentThread().interrupt();
            try {
                List<Block> all = takeAllThenNull(p);
                assertThat(all).hasSize(4);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
                all.forEach(p::release);
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void jmxRegistersOnlyWhenAskedAndCloseUnregisters() {
        int before = CommonsOptionsTest.registered("*");
        try (BlockPool quiet = CommonsBackend.blockPool(SMALL, CommonsOptions.defaults())) {
            assertThat(CommonsOptionsTest.registered("*")).isEqualTo(before);
            BlockPool watched = CommonsBackend.blockPool(SMALL, CommonsOptions.<Block>builder().configure(c -> {
                c.setJmxEnabled(true);
                c.setJmxNamePrefix("poolkit-blocks");
            }).build());
            assertThat(CommonsOptionsTest.registered("poolkit-blocks*")).isEqualTo(1);
            watched.close();
            assertThat(CommonsOptionsTest.registered("poolkit-blocks*")).isZero();
            assertThat(quiet.isClosed()).isFalse();
        }
    }

    @Test
    void theEvictorIsRefusedWithTheReason() {
        CommonsOptions<Block> evicting = CommonsOptions.<Block>builder()
                .configure(c -> c.setTimeBetweenEvictionRuns(Duration.ofSeconds(30))).build();
        assertThatThrownBy(() -> CommonsBackend.blockPool(SMALL, evicting)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("evictor is refused for a block pool").hasMessageContaining("PT30S")
                .hasMessageContaining("frees nothing");
    }

    @Test
    void abandonedTrackingIsRefusedWithTheAlternative() {
        CommonsOptions<Block> abandoned = CommonsOptions.<Block>builder().abandoned(new AbandonedConfig()).build();
        assertThatThrownBy(() -> CommonsBackend.blockPool(SMALL, abandoned)).isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("still write into it").hasMessageContaining("leakTracking(true)");
    }

    private static List<Block> takeAllThenNull(BlockPool p) {
        List<Block> all = new ArrayList<>();
        for (Block b = p.tryAcquire(); b != null; b = p.tryAcquire()) {
            all.add(b);
        }
        return all;
    }

    private static CommonsBlockPool pool(BlockPoolConfig config, CommonsOptions<Block> options) {
        return (CommonsBlockPool) CommonsBackend.blockPool(config, options);
    }
}
