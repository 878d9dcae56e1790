package dev.poolkit.bench.jmh;

import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;

/**
 * Hand-off: a producer thread acquires, passes the buffer through a single-producer
 * single-consumer queue, and a consumer thread releases it: the pattern of a server whose reader
 * and writer threads differ, and the worst case for per-thread caches, whose blocks all drift to
 * the consumer. The queue is the same for every row, so differences are the pool's.
 *
 * <p>Neither side ever blocks: the producer spins while the queue is full and the consumer while
 * it is empty, both checking {@link Control#stopMeasurement} so an iteration always ends
 * (JMH sample 18). The queue holds at most {@link #QUEUE} buffers, far fewer than the pool.
 *
 * <p>One hand-off is two JMH operations (a {@code produce} and a {@code consume}, one thread each),
 * so JMH's {@code gc.alloc.rate.norm}, which divides by all operations of the group, is half of
 * the bytes per hand-off; {@code compare} doubles it. The time is per hand-off already: each
 * thread spends the whole iteration on its side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC, Harness.EXECUTOR,
        Harness.EXECUTOR_CLASS})
@State(Scope.Group)
public class HandOffBenchmark {
    /** Buffers in flight between the threads: a quarter of the pool, so the pool never runs dry. */
    static final int QUEUE = 256;

    @Param({"commons", "freelist", "jctools", "local", "none-heap", "none-direct", "raw-freelist", "raw-local",
            "raw-jctools", "raw-commons", "stormpot", "stormpot-never", "stormpot-claim", "netty-pooled",
            "netty-adaptive"})
    public String pool;

    @Param({"4096"})
    public int blockSize;

    @Param({"1024"})
    public int capacity;

    private Subject subject;
    private SpscArrayQueue<Object> channel;

    @Setup(Level.Trial)
    public void setUp() {
        if (capacity < 4 * QUEUE) {
            throw new IllegalArgumentException("capacity " + capacity + " < 4 x the queue (" + QUEUE + ")");
        }
        subject = Priming.primed(BlockSubjects.create(pool, blockSize, capacity));
        channel = new SpscArrayQueue<>(QUEUE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Object b;
        while ((b = channel.poll()) != null) {
            subject.release(b);
        }
        subject.close();
    }

    /**
     * One side's view of the subject ({@link Subject#forThread()}), and how often it found nothing
     * to do, so a starved side is visible beside the time.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Side {
        Subject subject;
        public long queueFull;
        public long queueEmpty;

        @Setup(Level.Trial)
        public void setUp(HandOffBenchmark bench) {
            subject = bench.subject.forThread();
        }
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public void produce(Control control, Side side) {
        Object b = side.subject.acquire();
        while (!channel.offer(b)) {
            side.queueFull++;
            if (control.stopMeasurement) {
                side.subject.release(b); // the consumer has stopped: nothing may stay out of the pool
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public void consume(Control control, Side side) {
        Object b;
        while ((b = channel.poll()) == null) {
            side.queueEmpty++;
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        side.subject.release(b);
    }
}
