package dev.poolkit.jctools;

import dev.poolkit.api.AbstractObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolThreadState;
import org.jctools.queues.MpmcArrayQueue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The {@code jctools} object pool: poll an idle object from one {@link MpmcArrayQueue} or make a
 * new one; offer a released object back, or drop it. No allocation per operation.
 *
 * <p><b>maxIdle, exactly.</b> The queue rounds its size up to a power of two, so its own "full" is
 * not our limit. An object enters the queue only after taking one of {@code maxIdle} permits, and
 * gives it back only after it has left the queue; so the queue never holds more objects than
 * permits are taken, and never more than {@code maxIdle}, whatever the threads
 * ({@code EXACT_MAX_IDLE}). The price is one more CAS per operation, on {@link #idle}.
 */
final class JctoolsObjectPool<T> extends AbstractObjectPool<T, PoolThreadState> {
    private final MpmcArrayQueue<T> queue;
    private final int maxIdle;
    /** Permits taken: objects in the queue, plus those being offered right now; at most maxIdle. */
    private final AtomicInteger idle = new AtomicInteger();

    JctoolsObjectPool(ObjectPoolConfig<T> config) {
        super(JctoolsBackend.NAME, config);
        this.maxIdle = config.maxIdle();
        Queues.checkRoom(maxIdle, "maxIdle", "the queue is allocated up front, so keep maxIdle to what the pool"
                + " should really hold");
        this.queue = Queues.withRoomFor(maxIdle);
    }

    @Override
    protected PoolThreadState newThreadState() {
        return new PoolThreadState(); // nothing per thread beyond the base class's counters
    }

    @Override
    protected T pollIdle(PoolThreadState thread) {
        return take();
    }

    private T take() {
        T o = queue.poll();
        if (o != null) {
            idle.decrementAndGet(); // after the poll: the permit covered the object while it was queued
        }
        return o;
    }

    @Override
    protected boolean offerIdle(PoolThreadState thread, T object) {
        if (!takePermit()) {
            return false;
        }
        // At most maxIdle permits, and the queue has at least maxIdle slots: offer cannot fail.
        if (!queue.offer(object)) {
            idle.decrementAndGet();
            throw new IllegalStateException("the idle queue of " + describe() + " is full below maxIdle " + maxIdle
                    + "; this is a bug, please report it");
        }
        return true;
    }

    /** Takes a permit iff fewer than maxIdle are taken; a CAS loop, so the count never overshoots. */
    private boolean takePermit() {
        int n = idle.get();
        while (n < maxIdle) {
            int witness = idle.compareAndExchange(n, n + 1);
            if (witness == n) {
                return true;
            }
            n = witness;
        }
        return false;
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        for (T o = take(); o != null; o = take()) {
            sink.accept(o);
        }
    }

    /** Exact when no release or acquire is in flight; never below the objects in the queue. */
    @Override
    public int idle() {
        return idle.get();
    }
}
