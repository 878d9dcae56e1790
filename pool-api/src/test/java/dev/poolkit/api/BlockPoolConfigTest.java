package dev.poolkit.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockPoolConfigTest {

    @Test
    void defaultsAreTheSeedsPoolWithCacheLineAlignment() {
        BlockPoolConfig c = BlockPoolConfig.builder().build();
        assertThat(c.blockSize()).isEqualTo(4096);
        assertThat(c.capacity()).isEqualTo(1024);
        assertThat(c.alignment()).isEqualTo(64);
        assertThat(c.memory()).isEqualTo(MemoryKind.DIRECT);
        assertThat(c.exhaustion()).isEqualTo(ExhaustionPolicy.fail());
        assertThat(c.leakTracking()).isFalse();
        assertThat(c.slabBytes()).isEqualTo(4096L * 1024);
    }

    @Test
    void strideIsBlockSizeRoundedUpToTheAlignment() {
        assertThat(BlockPoolConfig.builder().blockSize(100).alignment(64).build().stride()).isEqualTo(128);
        assertThat(BlockPoolConfig.builder().blockSize(128).alignment(64).build().stride()).isEqualTo(128);
        assertThat(BlockPoolConfig.builder().blockSize(1).alignment(1).build().stride()).isEqualTo(1);
        assertThat(BlockPoolConfig.builder().blockSize(5000).alignment(4096).build().stride()).isEqualTo(8192);
    }

    @Test
    void heapMemoryDefaultsToTheAlignmentItCanPromise() {
        BlockPoolConfig c = BlockPoolConfig.builder().memory(MemoryKind.HEAP).build();
        assertThat(c.alignment()).isEqualTo(MemoryKind.maxHeapAlignment());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void blockSizeMustBePositive(int bad) {
        assertThatThrownBy(() -> BlockPoolConfig.builder().blockSize(bad).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessage("blockSize must be > 0 bytes, got " + bad);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void capacityMustBePositive(int bad) {
        assertThatThrownBy(() -> BlockPoolConfig.builder().capacity(bad).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessage("capacity must be > 0 blocks, got " + bad);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -64, 3, 48, 100, 1 << 31})
    void alignmentMustBeAPowerOfTwo(int bad) {
        assertThatThrownBy(() -> BlockPoolConfig.builder().alignment(bad).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("alignment must be a power of two from 1 to " + (1 << 30))
                .hasMessageContaining("got " + bad);
    }

    @Test
    void heapSlabsRejectAlignmentsTheGcCannotKeep() {
        assertThatThrownBy(() -> BlockPoolConfig.builder().memory(MemoryKind.HEAP).alignment(64).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("alignment 64 cannot be promised for a HEAP slab")
                .hasMessageContaining("Use MemoryKind.DIRECT");
        int max = MemoryKind.maxHeapAlignment(); // 8 on Java 17, 1 on Java 25
        assertThat(BlockPoolConfig.builder().memory(MemoryKind.HEAP).alignment(max).build().alignment()).isEqualTo(max);
        assertThatThrownBy(() -> BlockPoolConfig.builder().memory(MemoryKind.HEAP).alignment(2 * max).build())
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("at most " + max + "-byte");
    }

    @Test
    void aSlabThatDoesNotFitOneBufferIsRejectedWithTheArithmetic() {
        assertThatThrownBy(() -> BlockPoolConfig.builder().blockSize(4096).capacity(1_000_000).build())
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("capacity 1000000 x stride 4096")
                .hasMessageContaining("= 4096000000 bytes")
                .hasMessageContaining("does not fit one slab (at most 2147483647 bytes)");
        // The largest slab that fits: 2^31 - 64 bytes (allocation is not attempted by the builder).
        assertThat(BlockPoolConfig.builder().blockSize(64).capacity(Integer.MAX_VALUE >> 6).build().slabBytes())
                .isEqualTo((1L << 31) - 64);
        assertThatThrownBy(() -> BlockPoolConfig.builder().blockSize(64).capacity(1 << 25).build())
                .isInstanceOf(PoolConfigException.class).hasMessageContaining("= 2147483648 bytes does not fit");
        assertThatThrownBy(() -> BlockPoolConfig.builder().blockSize(Integer.MAX_VALUE).capacity(1).alignment(64).build())
                .as("stride overflows int").isInstanceOf(PoolConfigException.class);
    }

    @Test
    void negativeWaitsAreRejected() {
        assertThatThrownBy(() -> ExhaustionPolicy.await(Duration.ofMillis(-1)))
                .isInstanceOf(PoolConfigException.class)
                .hasMessageContaining("exhaustion wait must be >= 0, got PT-0.001S");
        assertThat(ExhaustionPolicy.await(Duration.ZERO).kind()).isEqualTo(ExhaustionPolicy.Kind.WAIT);
        assertThat(ExhaustionPolicy.await(Duration.ofSeconds(1)).toString()).isEqualTo("await(PT1S)");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        BlockPoolConfig c = BlockPoolConfig.builder().blockSize(100).capacity(7).alignment(16)
                .exhaustion(ExhaustionPolicy.unpooled()).leakTracking(true).build();
        assertThat(c.toBuilder().build().toString()).isEqualTo(c.toString());
    }
}
