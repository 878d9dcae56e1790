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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * A burst: acquire {@code k} buffers, then release all {@code k} (a server answering a batch of
 * reads). Per-thread caches (magazines, thread-local taps) shine at k = 1 and must refill and
 * flush at k = 256; one operation is the whole burst, so divide by k for the cost of one pair.
 *
 * <p>Pools hold {@code capacity} blocks, at least twice what all threads hold at the largest k
 * (checked at setup), so no row can run dry or wait: a burst never deadlocks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Benchmark)
public class BlockBurstBenchmark {
    @Param({"commons", "freelist", "jctools", "local", "none-heap", "none-direct", "raw-freelist", "raw-local",
            "raw-jctools", "raw-commons", "stormpot", "stormpot-never", "stormpot-claim", "netty-pooled",
            "netty-adaptive"})
    public String pool;

    @Param({"64", "4096", "65536"})
    public int blockSize;

    @Param({"1", "16", "256"})
    public int k;

    @Param({"1024"})
    public int capacity;

    private Subject subject;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        // Half the pool for the threads' bursts leaves the other half for per-thread caches.
        if ((long) k * params.getThreads() > capacity / 2) {
            throw new IllegalArgumentException("k=" + k + " x " + params.getThreads() + " threads would hold more"
                    + " than half of the " + capacity + " blocks; raise capacity");
        }
        subject = Priming.primed(BlockSubjects.create(pool, blockSize, capacity));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
    }

    /** One thread's view of the subject and the buffers it holds during its burst. */
    @State(Scope.Thread)
    public static class Held {
        Subject subject;
        Object[] items;

        @Setup(Level.Trial)
        public void setUp(BlockBurstBenchmark bench) {
            subject = bench.subject.forThread();
            items = new Object[bench.k];
        }
    }

    @Benchmark
    @Threads(1)
    public Object burst1Thread(Held held) {
        return burst(held.subject, held.items);
    }

    @Benchmark
    @Threads(2)
    public Object burst2Threads(Held held) {
        return burst(held.subject, held.items);
    }

    private static Object burst(Subject subject, Object[] items) {
        for (int i = 0; i < items.length; i++) {
            items[i] = subject.acquire();
        }
        Object last = items[items.length - 1];
        for (int i = 0; i < items.length; i++) {
            subject.release(items[i]);
            items[i] = null;
        }
        return last;
    }
}
