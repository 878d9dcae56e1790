package dev.poolkit.jctools;

import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.spi.AbstractObjectPool;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.QueueProgressIndicators;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The {@code jctools} object pool: poll an idle object from one JCTools MPMC array queue (the one without {@code Unsafe} from Java 23 on, see {@link Queues}) or make a
 * new one; offer a released object back, or drop it. No allocation per operation.
 *
 * <p><b>maxIdle, exactly.</b> The queue rounds its size up to a power of two, and its {@code offer}
 * fails iff it is full. When maxIdle is a power of two (the default, 256), that is our limit and
 * nothing more is needed. Otherwise an object enters the queue only after taking one of
 * {@code maxIdle} permits, and gives it back only after it has left the queue; so the queue never
 * holds more objects than permits are taken ({@code EXACT_MAX_IDLE}), at the price of one more
 * CAS per operation.
 *
 * <p><b>Counting.</b> The queue's own indices are the statistics: its consumer index counts every
 * successful poll, its producer index every successful offer; only the polls of a close are
 * counted apart.
 */
final class JctoolsObjectPool<T> extends AbstractObjectPool<T> {
    private final MessagePassingQueue<T> queue;
    /** The same queue: its indices count the polls and offers. */
    private final QueueProgressIndicators indices;
    private final int maxIdle;
    /** Permits taken (objects in the queue or being offered); null when the queue's own size is exact. */
    private final AtomicInteger permits;
    /** Objects polled by drainIdle rather than handed out; slow path only. */
    private final LongAdder drained = new LongAdder();

    JctoolsObjectPool(ObjectPoolConfig<T> config) {
        super(JctoolsBackend.NAME, checked(config));
        this.maxIdle = config.maxIdle();
        this.queue = Queues.withRoomFor(maxIdle);
        this.indices = (QueueProgressIndicators) queue;
        this.permits = queue.capacity() == maxIdle ? null : new AtomicInteger();
    }

    /** Refuses a maxIdle the queue cannot hold before the base class registers anything (its JMX name). */
    private static <T> ObjectPoolConfig<T> checked(ObjectPoolConfig<T> config) {
        Queues.checkRoom(config.maxIdle(), "maxIdle", "the queue is allocated up front, so keep maxIdle to what the"
                + " pool should really hold");
        return config;
    }

    @Override
    protected T pollIdle() {
        T o = queue.poll();
        if (o != null && permits != null) {
            permits.decrementAndGet(); // after the poll: the permit covered the object while it was queued
        }
        return o;
    }

    @Override
    protected boolean offerIdle(T object) {
        if (permits == null) {
            return queue.offer(object); // false iff maxIdle objects are queued
        }
        if (!takePermit()) {
            return false;
        }
        // At most maxIdle permits, and the queue has at least maxIdle slots: offer cannot fail.
        if (!queue.offer(object)) {
            permits.decrementAndGet();
            throw new IllegalStateException("the idle queue of " + describe() + " is full below maxIdle " + maxIdle
                    + "; this is a bug, please report it");
        }
        return true;
    }

    /** Takes a permit iff fewer than maxIdle are taken; a CAS loop, so the count never overshoots. */
    private boolean takePermit() {
        int n = permits.get();
        while (n < maxIdle) {
            int witness = permits.compareAndExchange(n, n + 1);
            if (witness == n) {
                return true;
            }
            n = witness;
        }
        return false;
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        for (T o = pollIdle(); o != null; o = pollIdle()) {
            drained.increment();
            sink.accept(o);
        }
    }

    @Override
    protected long idleHits() {
        // The index first: a drain seen in the count but not yet in the index would count as -1 hit.
        long polls = indices.currentConsumerIndex();
        return Math.max(0, polls - drained.sum());
    }

    @Override
    protected long idleKept() {
        return indices.currentProducerIndex();
    }

    /** Exact when no release or acquire is in flight; never above maxIdle. */
    @Override
    public int idle() {
        return permits != null ? permits.get() : queue.size();
    }
}
