package dev.poolkit.echo;

import dev.poolkit.api.SizeClass;
import dev.poolkit.api.SizeClassPool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeClassBuffersTest {

    private static SizeClassPool pool() {
        return SizeClassPool.builder().backend("local").sizeClass(1024, 4).sizeClass(4096, 4).sizeClass(16384, 4).build();
    }

    private static int leaseAndRead(SizeClassBuffers b, Connection c, int n) {
        assertThat(b.lease(c)).isTrue();
        int room = c.buffer.remaining();
        b.read(c, Math.min(n, room), room);
        b.giveBack(c);
        return room;
    }

    @Test
    void aConnectionGrowsAfterAFullReadAndShrinksAfterSeveralSmallOnes() {
        try (SizeClassPool p = pool()) {
            SizeClassBuffers b = new SizeClassBuffers(p, BufferExhaustion.WAIT);
            Connection c = new Connection();
            assertThat(leaseAndRead(b, c, 12_000)).as("a new connection starts small").isEqualTo(1024);
            assertThat(leaseAndRead(b, c, 12_000)).as("a full read: at least 16 times larger").isEqualTo(16384);
            assertThat(leaseAndRead(b, c, 12_000)).as("the largest class is the top").isEqualTo(16384);
            for (int i = 0; i < SizeClassBuffers.SHRINK_AFTER; i++) {
                assertThat(leaseAndRead(b, c, 3000)).isEqualTo(16384);
            }
            assertThat(leaseAndRead(b, c, 3000)).as("after %d reads that fit 4 KiB", SizeClassBuffers.SHRINK_AFTER)
                    .isEqualTo(4096);
            assertThat(leaseAndRead(b, c, 3000)).as("3,000 B needs 4 KiB: stays").isEqualTo(4096);
            assertThat(b.outstanding()).isZero();
        }
    }

    @Test
    void aFullReadGrowsOneClassWhenTheNextIsAlreadyFarLarger() {
        try (SizeClassPool p = SizeClassPool.builder().backend("local").sizeClass(64, 2).sizeClass(4096, 2)
                .sizeClass(65536, 2).build()) {
            SizeClassBuffers b = new SizeClassBuffers(p, BufferExhaustion.WAIT);
            Connection c = new Connection();
            assertThat(leaseAndRead(b, c, 100)).isEqualTo(64);
            assertThat(leaseAndRead(b, c, 5000)).isEqualTo(4096);
            assertThat(leaseAndRead(b, c, 5000)).isEqualTo(65536);
        }
    }

    @Test
    void aFullClassLendsFromAnotherRatherThanWait() {
        try (SizeClassPool p = pool()) {
            SizeClassBuffers b = new SizeClassBuffers(p, BufferExhaustion.WAIT);
            List<Connection> holders = List.of(new Connection(), new Connection(), new Connection(), new Connection());
            holders.forEach(h -> assertThat(b.lease(h)).isTrue()); // every 1 KiB block out
            Connection c = new Connection();
            assertThat(b.lease(c)).isTrue();
            assertThat(c.buffer.capacity()).isEqualTo(4096);
            b.giveBack(c);
            holders.forEach(b::giveBack);
            assertThat(b.outstanding()).isZero();
        }
    }

    @Test
    void sizeClassesAreRefusedWithTheUnpooledBaselines() {
        List<SizeClass> classes = SizeClassFlags.parse(List.of("1k", "4k"), null, 16);
        for (String unpooled : List.of(EchoConfig.NO_POOL, EchoConfig.LOOP_BUFFER)) {
            assertThatThrownBy(() -> EchoConfig.builder().pool(unpooled).sizeClasses(classes).build())
                    .as(unpooled).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--block-sizes needs a pool").hasMessageContaining(unpooled);
        }
    }

    @Test
    void theFlagsParseSizesAndCountsAndRefuseAMismatch() {
        assertThat(SizeClassFlags.parse(List.of("1k", "4k", "3008"), List.of(8), 1024))
                .extracting(c -> c.blockSize() + "x" + c.capacity()).containsExactly("1024x8", "4096x8", "3008x8");
        assertThat(SizeClassFlags.parse(List.of("1k", "4k"), null, 16)).extracting(c -> c.capacity()).containsExactly(16, 16);
        assertThatThrownBy(() -> SizeClassFlags.parse(List.of("1k", "4k", "16k"), List.of(1, 2), 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one count per class");
        assertThatThrownBy(() -> SizeClassFlags.bytes("4kb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a size");
    }
}
