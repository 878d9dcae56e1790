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
 * One {@code ObjectPool} acquire+release pair (a connection's state object, as the echo server
 * pools it) for every row of {@link ObjectSubjects}, against {@code new} per use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Benchmark)
public class ObjectPoolBenchmark {
    /** Not {@code pool}: the buffer benchmarks' rows differ, and JMH matches -p by name. */
    @Param({"commons", "freelist", "jctools", "local", "none", "raw-freelist", "raw-local", "raw-jctools",
            "raw-commons", "netty-recycler"})
    public String objectPool;

    /** Idle objects a pool keeps: far more than two threads ever hold at once here. */
    @Param({"256"})
    public int maxIdle;

    private Subject subject;

    @Setup(Level.Trial)
    public void setUp() {
        subject = Priming.primed(ObjectSubjects.create(objectPool, maxIdle));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
    }

    @Benchmark
    @Threads(1)
    public Object pair1Thread() {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public Object pair2Threads() {
        return pair();
    }

    private Object pair() {
        Object o = subject.acquire();
        subject.release(o);
        return o;
    }
}
