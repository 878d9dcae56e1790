package dev.poolkit.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the primitives a pool is made of cost on this machine, uncontended (one thread, state of
 * its own), in the same run as the pools: a CAS, a volatile store, a {@code ThreadLocal.get()},
 * a {@code ReentrantLock} lock+unlock and a {@code synchronized} block, beside a plain store as
 * the harness's own cost. Any sentence that says what one of these costs quotes a row of this.
 *
 * <p>Each method changes state that the next call reads, so none can be folded away, and returns
 * a value JMH consumes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Thread)
@Threads(1)
public class AtomicCost {
    /** The rows, in table order: every {@code @Benchmark} method ({@code AtomicCostTest} checks). */
    public static final List<String> ROWS = List.of("plainStore", "cas", "volatileStore", "threadLocalGet",
            "reentrantLock", "synchronizedBlock");

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(AtomicCost.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int plain;
    private volatile int value;
    private final ThreadLocal<int[]> local = ThreadLocal.withInitial(() -> new int[1]);
    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private int guarded;

    /** A plain field increment: the cost of the harness and the increment, below every other row. */
    @Benchmark
    public int plainStore() {
        return ++plain;
    }

    /** One successful compareAndSet on a field no other thread touches. */
    @Benchmark
    public boolean cas() {
        int v = value;
        return VALUE.compareAndSet(this, v, v + 1);
    }

    @Benchmark
    public int volatileStore() {
        int v = plain + 1;
        plain = v;
        value = v;
        return v;
    }

    @Benchmark
    public int threadLocalGet() {
        return ++local.get()[0];
    }

    @Benchmark
    public int reentrantLock() {
        lock.lock();
        try {
            return ++guarded;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public int synchronizedBlock() {
        synchronized (monitor) {
            return ++guarded;
        }
    }

    int value() {
        return value;
    }

    int guarded() {
        return guarded;
    }
}
