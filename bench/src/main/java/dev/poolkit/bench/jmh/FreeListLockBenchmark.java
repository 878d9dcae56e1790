package dev.poolkit.bench.jmh;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.freelist.FreeListBackend;
import dev.poolkit.freelist.LockKind;
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
 * Which lock should guard the seed's free list: {@code synchronized}, {@code ReentrantLock}, or a
 * {@code ReentrantLock} a waiter spins on before parking (as Go's {@code sync.Mutex} does)?
 * One acquire+release pair per operation on a 4 KiB x 1024 pool, uncontended (1 thread) and
 * contended (2 threads, this machine's core count).
 *
 * <pre>java -jar bench/target/benchmarks.jar FreeListLockBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Benchmark)
public class FreeListLockBenchmark {
    @Param({"SYNCHRONIZED", "REENTRANT_LOCK", "SPIN_THEN_PARK"})
    public LockKind lock;

    private BlockPool pool;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new FreeListBackend(lock).newBlockPool(BlockPoolConfig.builder().blockSize(4096).capacity(1024).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @Threads(1)
    public Block pair1Thread() {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public Block pair2Threads() {
        return pair();
    }

    private Block pair() {
        Block b = pool.acquire();
        pool.release(b);
        return b;
    }
}
