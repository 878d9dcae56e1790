package dev.poolkit.bench.advise;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.Pools;
import dev.poolkit.api.SizeClassPool;
import dev.poolkit.bench.load.SizeDistribution;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdviseTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void fixedMessagesOf3000BytesGetOneClassWithinTheBound(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("fixed.jfr");
        try (Recording r = new Recording(PoolRecording.settings())) {
            r.start();
            try (BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(4096).capacity(64).build())) {
                ArrayDeque<Block> held = new ArrayDeque<>();
                for (int i = 0; i < 20_000; i++) {
                    Block b = pool.acquire();
                    PoolRecording.recordUse(b, 3000);
                    held.add(b);
                    if (held.size() == 8) { // eight in flight at once: the peak the capacity is sized for
                        pool.release(held.poll());
                    }
                }
                held.forEach(pool::release);
            }
            r.stop();
            r.dump(jfr);
        }
        Advice a = AdviseCommand.advise(jfr, RecordingReader.Source.AUTO, Advisor.DEFAULT_WASTE, Advisor.DEFAULT_HEADROOM,
                null, 0, "local", dir.resolve("out"), QUIET);
        assertThat(a.classes()).hasSize(1);
        assertThat(a.classes().get(0).blockSize()).isBetween(3000, 3375);
        assertThat(a.peakInUse()).isEqualTo(8);
        assertThat(a.classes().get(0).capacity()).isEqualTo(10); // 8 x 1.25
        assertThat(a.source()).contains("BlockUse");
        assertThat(a.echoFlags()).isEqualTo("--block-sizes 3008 --pool-sizes 10");
        assertThat(a.javaCode()).contains(".sizeClass(3008, 10)");
        for (String f : new String[] {AdviceReport.MARKDOWN, AdviceReport.JSON, AdviceReport.CSV, AdviceReport.CHART}) {
            assertThat(dir.resolve("out").resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(dir.resolve("out").resolve(AdviceReport.CSV))).startsWith("size_bytes,estimated_requests\n3000,");
    }

    @Test
    void aSizeMixGetsAClassForEachModeWithinTheBound(@TempDir Path dir) throws Exception {
        SizeDistribution mix = SizeDistribution.parse("64:50,4k:40,64k:10");
        Path jfr = dir.resolve("mix.jfr");
        try (Recording r = new Recording(PoolRecording.settings())) {
            r.start();
            try (SizeClassPool pool = SizeClassPool.builder().sizeClass(128, 64).sizeClass(8192, 64).sizeClass(65536, 16)
                    .exhaustion(ExhaustionPolicy.unpooled()).samplingRate(4).build()) {
                SplittableRandom rnd = new SplittableRandom(42);
                for (int i = 0; i < 40_000; i++) {
                    pool.release(pool.acquire(mix.sample(rnd)));
                }
            }
            r.stop();
            r.dump(jfr);
        }
        Advice a = AdviseCommand.advise(jfr, RecordingReader.Source.AUTO, Advisor.DEFAULT_WASTE, Advisor.DEFAULT_HEADROOM,
                16L, 0, "local", dir.resolve("out"), QUIET);
        assertThat(a.source()).contains("Acquire");
        for (int mode : new int[] {64, 4096, 65536}) {
            assertThat(a.classes()).as("a class for %d B", mode)
                    .anySatisfy(c -> assertThat(c.blockSize()).isBetween(mode, (int) (mode * 1.125)));
        }
        assertThat(a.classes()).allSatisfy(c -> assertThat(c.worstWaste()).isLessThanOrEqualTo(0.125));
        double share64 = a.classes().get(0).share();
        assertThat(share64).isBetween(0.45, 0.55);
        assertThat(a.reservedBytes()).isLessThan(a.single().reservedBytes());
    }

    @Test
    void fullReadsOfASmallerBlockAreLeftOutAndThoseOfTheLargestKept(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("grow.jfr");
        try (Recording r = new Recording(PoolRecording.settings())) {
            r.start();
            try (BlockPool small = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(1024).capacity(1).build());
                 BlockPool large = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(4096).capacity(1).build())) {
                for (int i = 0; i < 1600; i++) { // a reader that grows: 1 KiB full, then the 3,000 B read
                    Block s = small.acquire();
                    PoolRecording.recordUse(s, 1024);
                    small.release(s);
                    Block l = large.acquire();
                    // Not period 2: one lease in 16 is sampled, and an even period would only ever see one size.
                    PoolRecording.recordUse(l, i % 3 == 0 ? 3000 : 4096);
                    large.release(l);
                }
            }
            r.stop();
            r.dump(jfr);
        }
        Observations o = RecordingReader.read(jfr, RecordingReader.Source.AUTO, 0, QUIET);
        assertThat(o.histogram().weights()).doesNotContainKey(1024).containsKeys(3000, 4096);
        assertThat(o.notes()).anySatisfy(n -> assertThat(n).contains("filled a block smaller than the largest"));
        assertThat(o.notes()).anySatisfy(n -> assertThat(n).contains("filled their whole block"));
    }

    @Test
    void theJdksAllocationEventsAreCorrectedForTheirBiasTowardsLargeArrays(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("jdk.jfr");
        byte[][] sink = new byte[64][];
        try (Recording r = new Recording()) {
            r.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
            r.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            r.start();
            // As many small arrays as large ones, in a random order: a strict alternation would
            // lock into the TLAB's refill rhythm and hand every refill to one of the sizes.
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < 400_000; i++) {
                sink[i & 63] = new byte[rnd.nextBoolean() ? 496 : 16_368];
            }
            r.stop();
            r.dump(jfr);
        }
        assertThat(sink[0]).isNotNull();
        Advice a = AdviseCommand.advise(jfr, RecordingReader.Source.JDK, Advisor.DEFAULT_WASTE, Advisor.DEFAULT_HEADROOM,
                100L, 256, "local", dir.resolve("out"), QUIET);
        Map<Integer, Double> w = RecordingReader.read(jfr, RecordingReader.Source.JDK, 256, QUIET).histogram().weights();
        double small = w.getOrDefault(496, 0.0);
        double large = w.getOrDefault(16_368, 0.0);
        // Uncorrected, the large arrays' events outnumber the small ones' about 33 to 1; weighted,
        // the two sizes come out about even, as allocated.
        assertThat(small / (small + large)).isBetween(0.3, 0.7);
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).contains("tlabSize/s"));
        assertThat(a.classes()).anySatisfy(c -> assertThat(c.blockSize()).isBetween(496, 558));
    }

    @Test
    void aRecordingWithoutSizesIsRefusedWithWhatToRecord(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("empty.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.CPULoad");
            r.start();
            r.stop();
            r.dump(jfr);
        }
        assertThatThrownBy(() -> RecordingReader.read(jfr, RecordingReader.Source.AUTO, 0, QUIET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no request sizes");
        assertThatThrownBy(() -> RecordingReader.read(dir.resolve("missing.jfr"), RecordingReader.Source.AUTO, 0, QUIET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a file");
    }

    @Test
    void theSearchKeepsTheBoundAndPrefersFewerClassesWhenMarginsCostMore() {
        SizeHistogram h = new SizeHistogram();
        for (int s = 1000; s <= 1100; s += 10) {
            h.add(s, 1);
        }
        Advisor.Plan p = Advisor.plan(h, 0.125, 0.25, 100);
        assertThat(p.classes()).hasSize(1); // 1000-1100 fits one class within 12.5%
        // 1100 rounded up to 64 is 1152, above 1000 x 1.125; rounded up to 8 it is 1104, within.
        assertThat(p.classes().get(0).blockSize()).isEqualTo(1104);
        h.add(5000, 1);
        assertThat(Advisor.plan(h, 0.125, 0.25, 100).classes()).extracting(Advice.ClassAdvice::blockSize)
                .containsExactly(1104, 5056);
    }
}
