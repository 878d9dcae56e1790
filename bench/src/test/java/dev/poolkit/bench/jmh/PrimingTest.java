package dev.poolkit.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrimingTest {
    /** Counts the pairs run on it; allocates nothing itself. */
    private static final class Counting extends Subject {
        final long bytes;
        long acquired;
        long released;

        Counting(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public Object acquire() {
            acquired++;
            return this;
        }

        @Override
        public void release(Object item) {
            released++;
        }

        @Override
        public long bytesPerUse() {
            return bytes;
        }
    }

    @Test
    void aRowGoesRoundItsMemoryTwiceWithinTheBound() {
        long gib = 1L << 30;
        assertThat(Priming.usesFor(4096, gib)).isEqualTo(2 * gib / 4096 + 1);
        assertThat(Priming.usesFor(64, gib)).as("small blocks: bounded").isEqualTo(Priming.MAX_USES);
        assertThat(Priming.usesFor(0, gib)).as("a pool").isZero();
        assertThat(Priming.usesFor(1, Long.MAX_VALUE)).as("an unbounded heap: bounded, not overflowed")
                .isEqualTo(Priming.MAX_USES);
    }

    @Test
    void anAllocatingRowRunsItsPairsBeforeItIsMeasuredAndAPoolDoesNot() {
        long max = Runtime.getRuntime().maxMemory();
        Counting allocating = Priming.primed(new Counting(max / 2));
        assertThat(allocating.acquired).isEqualTo(Priming.usesFor(max / 2, max)).isEqualTo(5);
        assertThat(allocating.released).isEqualTo(allocating.acquired);
        assertThat(Priming.primed(new Counting(0)).acquired).isZero();
    }

    @Test
    void theSkipPropertyTurnsItOff() {
        System.setProperty(Priming.SKIP_PROPERTY, "true");
        try {
            assertThat(Priming.primed(new Counting(Runtime.getRuntime().maxMemory() / 2)).acquired).isZero();
        } finally {
            System.clearProperty(Priming.SKIP_PROPERTY);
        }
    }

    /** Only the no-pool rows allocate per use; every other row is left as it is. */
    @Test
    void theNoPoolRowsDeclareWhatTheyAllocateAndNoOtherRowDoes() {
        for (String row : BlockSubjects.names()) {
            try (Subject s = BlockSubjects.create(row, 4096, 16)) {
                boolean noPool = row.equals(BlockSubjects.NONE_HEAP) || row.equals(BlockSubjects.NONE_DIRECT);
                assertThat(s.bytesPerUse()).as(row).isEqualTo(noPool ? 4096 : 0);
            }
        }
        for (String row : ObjectSubjects.names()) {
            try (Subject s = ObjectSubjects.create(row, 16)) {
                assertThat(s.bytesPerUse() > 0).as(row).isEqualTo(row.equals(ObjectSubjects.NONE));
            }
        }
    }
}
