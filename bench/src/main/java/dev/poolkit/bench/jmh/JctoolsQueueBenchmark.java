package dev.poolkit.bench.jmh;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.jctools.queues.atomic.unpadded.MpmcAtomicUnpaddedArrayQueue;
import org.jctools.queues.unpadded.MpmcUnpaddedArrayQueue;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Which JCTools MPMC queue should hold the {@code jctools} backend's free set: the
 * {@code sun.misc.Unsafe} one ({@code MpmcArrayQueue}, which JDK 24 and later warn about) or the
 * one built on {@code java.util.concurrent.atomic} field updaters and {@code AtomicReferenceArray}
 * ({@code MpmcAtomicArrayQueue}), each also without its padding. The pool's use of it: one poll
 * and one offer per operation on a queue prefilled with 1024 elements, alone and with 2 threads
 * (this machine's core count).
 *
 * <pre>java -jar bench/target/benchmarks.jar JctoolsQueueBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Harness.HEAP_MIN, Harness.HEAP_MAX, Harness.GC})
@State(Scope.Benchmark)
public class JctoolsQueueBenchmark {
    /** The queues JCTools 4.0.5 ships for many producers and consumers on an array. */
    public enum Kind {
        UNSAFE(MpmcArrayQueue::new),
        ATOMIC(MpmcAtomicArrayQueue::new),
        UNSAFE_UNPADDED(MpmcUnpaddedArrayQueue::new),
        ATOMIC_UNPADDED(MpmcAtomicUnpaddedArrayQueue::new);

        private final IntFunction<MessagePassingQueue<Object>> make;

        Kind(IntFunction<MessagePassingQueue<Object>> make) {
            this.make = make;
        }
    }

    private static final int ELEMENTS = 1024;

    @Param({"UNSAFE", "ATOMIC", "UNSAFE_UNPADDED", "ATOMIC_UNPADDED"})
    public Kind queue;

    private MessagePassingQueue<Object> free;

    @Setup(Level.Trial)
    public void setUp() {
        free = queue.make.apply(ELEMENTS);
        for (int i = 0; i < ELEMENTS; i++) {
            free.offer(new Object());
        }
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
        Object o = free.poll(); // never null: at most 2 of the 1024 elements are out at once
        free.offer(o);
        return o;
    }
}
