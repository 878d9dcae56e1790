package dev.poolkit.bench.jmh;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.Pools;
import dev.poolkit.api.SizeClassPool;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What Poolkit's flight-recorder events cost: nothing measurable while no recording runs, is the
 * claim. One thread, the {@code local} backend, 4 KiB blocks:
 * <ul>
 *   <li>{@code plainPair}: {@code BlockPool} acquire + release, the row everything is read against;</li>
 *   <li>{@code plainPairRecordUse}: the same, plus {@link PoolRecording#recordUse} per pair;</li>
 *   <li>{@code sizeClassPair}: {@link SizeClassPool#acquire(int) acquire(3000)} + release over classes
 *       of 1, 4 and 16 KiB, with the acquire event sampled one in {@code samplingRate}: 1 (the
 *       event's enabled check on every acquire), 16 (the default) or 2^30 (never reached: the
 *       class choice and the sampling mask alone).</li>
 * </ul>
 * {@code recording=on} runs the same with a recording of the shipped settings, for what recording costs.
 *
 * <pre>./poolkit jmh RecordingCostBenchmark -p recording=off</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Benchmark)
public class RecordingCostBenchmark {
    @Param({"off", "on"})
    public String recording;

    @Param({"1", "16", "1073741824"})
    public int samplingRate;

    private BlockPool plain;
    private SizeClassPool classes;
    private Recording jfr;

    @Setup(Level.Trial)
    public void setUp() {
        plain = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(4096).capacity(1024).build());
        classes = SizeClassPool.builder().backend("local").sizeClass(1024, 1024).sizeClass(4096, 1024)
                .sizeClass(16384, 256).samplingRate(samplingRate).build();
        if (recording.equals("on")) {
            jfr = new Recording(PoolRecording.settings());
            jfr.setToDisk(false);
            jfr.setMaxSize(64L << 20); // a ring in memory: the benchmark measures the events, not the disk
            jfr.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (jfr != null) {
            jfr.close();
        }
        plain.close();
        classes.close();
    }

    @Benchmark
    @Threads(1)
    public Object plainPair() {
        Block b = plain.acquire();
        plain.release(b);
        return b;
    }

    @Benchmark
    @Threads(1)
    public Object plainPairRecordUse() {
        Block b = plain.acquire();
        PoolRecording.recordUse(b, 3000);
        plain.release(b);
        return b;
    }

    @Benchmark
    @Threads(1)
    public Object sizeClassPair() {
        Block b = classes.acquire(3000);
        classes.release(b);
        return b;
    }
}
