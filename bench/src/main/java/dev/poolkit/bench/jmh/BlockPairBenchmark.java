package dev.poolkit.bench.jmh;

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
 * The cost of one acquire+release pair, the number a pool lives or dies by, for every row of
 * {@link BlockSubjects}: uncontended (1 thread) and contended (2 threads, this machine's cores).
 *
 * <p>The {@code pool} list below is only the default for IDE runs; {@code ./poolkit jmh} and
 * {@code compare} pass {@link BlockSubjects#names()}, so a backend module on the class path joins
 * with no edit here.
 *
 * <pre>./poolkit jmh BlockPairBenchmark -p blockSize=4096 -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Benchmark)
public class BlockPairBenchmark {
    @Param({"commons", "freelist", "jctools", "local", "local-no-tap", "none-heap", "none-direct", "raw-freelist", "raw-local",
            "raw-local-refusing", "raw-jctools", "raw-jctools-refusing", "raw-commons", "stormpot", "stormpot-never", "stormpot-claim", "netty-pooled",
            "netty-adaptive"})
    public String pool;

    @Param({"64", "4096", "65536"})
    public int blockSize;

    /**
     * Blocks per pool, far more than two threads ever hold at once here; a parameter, not a
     * constant, so every result carries the pool's geometry.
     */
    @Param({"1024"})
    public int capacity;

    private Subject subject;

    @Setup(Level.Trial)
    public void setUp() {
        subject = Priming.primed(BlockSubjects.create(pool, blockSize, capacity));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
    }

    /** What one benchmark thread calls ({@link Subject#forThread()}), made on that thread. */
    @State(Scope.Thread)
    public static class Lane {
        Subject subject;

        @Setup(Level.Trial)
        public void setUp(BlockPairBenchmark bench) {
            subject = bench.subject.forThread();
        }
    }

    @Benchmark
    @Threads(1)
    public Object pair1Thread(Lane lane) {
        return pair(lane.subject);
    }

    @Benchmark
    @Threads(2)
    public Object pair2Threads(Lane lane) {
        return pair(lane.subject);
    }

    private static Object pair(Subject subject) {
        Object b = subject.acquire();
        subject.release(b);
        return b;
    }
}
