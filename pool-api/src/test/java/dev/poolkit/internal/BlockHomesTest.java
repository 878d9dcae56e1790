package dev.poolkit.internal;

import dev.poolkit.api.Block;
import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockHomesTest {
    private static final BlockAccess BLOCKS = Blocks.access();

    /** A free block of no pool, as a slab makes them. */
    static Block block(int index) {
        return BLOCKS.newBlock(index, ByteBuffer.allocate(64), null);
    }

    @Test
    void slotCountsArePowersOfTwoPerCoreAndSpareSmallPools() {
        // (capacity, cores)
        assertThat(BlockHomes.countFor(1024, 2)).isEqualTo(8);
        assertThat(BlockHomes.countFor(1 << 20, 64)).as("at most 128").isEqualTo(128);
        assertThat(BlockHomes.countFor(1 << 20, 3)).isEqualTo(16);
        assertThat(BlockHomes.countFor(16, 2)).as("one slot per 8 blocks at most").isEqualTo(2);
        assertThat(BlockHomes.countFor(15, 2)).isEqualTo(1);
        assertThat(BlockHomes.countFor(7, 2)).as("too small to spare a slot").isZero();
        for (int capacity : new int[] {1, 8, 100, 1000, 4096, 1 << 20}) {
            for (int cores : new int[] {1, 2, 7, 64, 1024}) {
                int n = BlockHomes.countFor(capacity, cores);
                assertThat(n == 0 || Integer.bitCount(n) == 1).as("%d blocks, %d cores: %d", capacity, cores, n).isTrue();
                assertThat(n * 8).isLessThanOrEqualTo(Math.max(8, capacity));
            }
        }
    }

    @Test
    void refusesASlotCountThatIsNoPowerOfTwo() {
        assertThatThrownBy(() -> new BlockHomes(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> new BlockHomes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAdoptedBlockStaysInItsSlotAndIsClaimedByItsLeaseWord() {
        BlockHomes h = new BlockHomes(8);
        Block a = block(0);
        assertThat(h.claim(3)).as("no block homed yet").isNull();
        assertThat(h.adopt(3, a)).isTrue();
        assertThat(BlockHomes.isHomed(a)).isTrue();
        assertThat(h.homed()).isEqualTo(1);
        assertThat(h.freeCount()).isEqualTo(1);
        assertThat(h.claim(3)).isSameAs(a);
        assertThat(a.isInUse()).isTrue();
        assertThat(BLOCKS.word(a) >>> 1).as("the claim counted a lease").isEqualTo(1);
        assertThat(h.claim(3)).as("in use: not claimable").isNull();
        assertThat(h.claimAny()).isNull();
        assertThat(h.freeCount()).isZero();
        assertThat(h.homed()).as("still homed while in use").isEqualTo(1);
        assertThat(BLOCKS.endLease(a)).isTrue();
        assertThat(BLOCKS.endLease(a)).as("a second release is refused").isFalse();
        assertThat(h.claimAny()).as("free again, from any slot's scan").isSameAs(a);
        BLOCKS.lease(a); // what the pool's hand-out does next: a claimed block keeps its word
        assertThat(BLOCKS.word(a)).as("lease() leaves a claimed block's count alone").isEqualTo(2 << 1 | 1);
    }

    @Test
    void aThreadProbesTheNextSlotsAndAdoptsOnlyIntoEmptyOnes() {
        BlockHomes h = new BlockHomes(8);
        Block a = block(0);
        Block b = block(1);
        assertThat(h.adopt(2, a)).isTrue();
        assertThat(h.adopt(2, b)).as("slot 2 is taken, so the next").isTrue();
        assertThat(BLOCKS.home(b)).isEqualTo(3);
        assertThat(h.claim(2)).isSameAs(a);
        assertThat(h.claim(2)).as("the neighbour's block when its own is out").isSameAs(b);
        for (int i = 4; i < 6; i++) {
            assertThat(h.adopt(2, block(i))).isTrue();
        }
        Block e = block(9);
        assertThat(h.adopt(2, e)).as("slots 2 to 5 all have a block").isFalse();
        assertThat(BlockHomes.isHomed(e)).isFalse();
        assertThat(h.claim(7)).as("slot 7 probes 7, 0, 1, 2: only slot 2's block, which is out").isNull();
    }

    /**
     * Threads claim the blocks of two slots (their own, or any) and end the leases; each block is
     * held by at most one thread at a time, and at the end both are free with every lease counted.
     */
    @Test
    void underRacesNoBlockIsClaimedTwice() {
        BlockHomes h = new BlockHomes(2);
        Block[] blocks = {block(0), block(1)};
        assertThat(h.adopt(0, blocks[0])).isTrue();
        assertThat(h.adopt(1, blocks[1])).isTrue();
        AtomicIntegerArray holders = new AtomicIntegerArray(2);
        AtomicLong violations = new AtomicLong();
        AtomicLong claims = new AtomicLong();
        int threads = 4;
        int ops = 20_000;
        TestThreads.runAll(threads, id -> {
            for (int i = 0; i < ops; i++) {
                Block b = (i & 3) == 0 ? h.claimAny() : h.claim((id + i) & 1);
                if (b == null) {
                    continue;
                }
                claims.incrementAndGet();
                if (!holders.compareAndSet(b.index(), 0, id + 1)) {
                    violations.incrementAndGet(); // claimed by two threads at once
                }
                holders.set(b.index(), 0);
                if (!BLOCKS.endLease(b)) {
                    violations.incrementAndGet(); // someone else ended this lease
                }
            }
        });
        assertThat(violations.get()).isZero();
        assertThat(h.freeCount()).as("both free at the end").isEqualTo(2);
        assertThat((BLOCKS.word(blocks[0]) >>> 1) + (BLOCKS.word(blocks[1]) >>> 1)).as("every claim counted once")
                .isEqualTo(claims.get());
    }
}
