package dev.poolkit.jctools;

import dev.poolkit.api.PoolConfigException;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The queues behind this backend's pools, and their sizing.
 *
 * <p><b>Which queue.</b> JCTools' {@link MpmcArrayQueue} reaches memory through
 * {@code sun.misc.Unsafe}, whose memory-access methods JDK 23 deprecated for removal (JEP 471);
 * JDK 24 and later print a warning on their first use (JEP 498), and later JDKs will refuse them.
 * Its {@link MpmcAtomicArrayQueue} is the same algorithm with the same padding on
 * {@code AtomicLongFieldUpdater}s and an {@code AtomicReferenceArray}, and needs no
 * {@code Unsafe}. Side by side ({@code JctoolsQueueBenchmark}: one poll and one offer on a prefilled
 * queue, the figures in the README's jctools section) the atomic queue measured as fast alone but
 * slower with two threads, so the Unsafe queue stays where the JDK still supports it quietly
 * (Java 17 to 22) and the atomic one is used from Java {@value #FIRST_JDK_WITHOUT_UNSAFE} on.
 * Either way only one of the two classes is loaded, so the pools' calls through
 * {@link MessagePassingQueue} stay monomorphic and inline.
 */
final class Queues {
    /** The first JDK that deprecates Unsafe's memory access for removal (JEP 471). */
    static final int FIRST_JDK_WITHOUT_UNSAFE = 23;
    /** Whether this JVM's pools use the queue without Unsafe. */
    static final boolean ATOMIC = Runtime.version().feature() >= FIRST_JDK_WITHOUT_UNSAFE;
    /** MPMC array queues' smallest capacity: their sequence scheme needs two slots. */
    static final int MIN_CAPACITY = 2;
    /** The queues round their capacity up to a power of two, and cannot go past 2^30. */
    static final int MAX_CAPACITY = 1 << 30;

    private Queues() {
    }

    /**
     * Checks that a queue can hold {@code wanted} elements; call it before allocating anything else.
     *
     * @param what   the setting, for the message, e.g. "capacity"
     * @param advice what to do instead, for the message
     * @throws PoolConfigException if {@code wanted} exceeds {@link #MAX_CAPACITY}
     */
    static void checkRoom(int wanted, String what, String advice) {
        if (wanted > MAX_CAPACITY) {
            throw new PoolConfigException(what + " must be at most " + MAX_CAPACITY + " for the " + JctoolsBackend.NAME
                    + " backend (the largest JCTools MPMC array queue), got " + wanted + "; " + advice);
        }
    }

    /**
     * A queue with room for at least {@code wanted} elements (checked by {@link #checkRoom}): an
     * {@link MpmcAtomicArrayQueue} from Java {@value #FIRST_JDK_WITHOUT_UNSAFE} on, else an
     * {@link MpmcArrayQueue}; both are also {@code QueueProgressIndicators}. Its real capacity is
     * rounded up to a power of two; the pools keep their own, exact limit (the slab's capacity,
     * maxIdle permits).
     */
    static <E> MessagePassingQueue<E> withRoomFor(int wanted) {
        int slots = Math.max(MIN_CAPACITY, wanted);
        return ATOMIC ? new MpmcAtomicArrayQueue<>(slots) : new MpmcArrayQueue<>(slots);
    }
}
