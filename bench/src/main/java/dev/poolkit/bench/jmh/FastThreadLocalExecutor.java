package dev.poolkit.bench.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's worker threads as Netty's own benchmarks run them ({@code -Djmh.executor=CUSTOM}):
 * {@code FastThreadLocalThread}s from Netty's {@link DefaultThreadFactory}, each marked as running
 * inside an event executor. That is Netty's documented fast path, and without it the Netty rows
 * measure a slow path no Netty application takes: in 4.2 the {@code Recycler} hands out a new
 * object per {@code get()} on any other thread, {@code PooledByteBufAllocator} keeps no thread
 * cache ({@code useCacheForAllThreads} is false by default) and {@code AdaptiveByteBufAllocator}
 * no thread-local magazines outside an executor.
 *
 * <p>Every row runs on these threads, so the thread type is the same for all of them; for rows
 * that are not Netty a {@code FastThreadLocalThread} is a plain {@link Thread}.
 *
 * <p>A fixed pool of {@code maxThreads}: JMH submits one task per benchmark thread per
 * iteration, and a thread that comes back finds its own {@code Scope.Thread} state again.
 */
public final class FastThreadLocalExecutor extends ThreadPoolExecutor {

    /** The constructor JMH calls reflectively for {@code jmh.executor=CUSTOM}. */
    public FastThreadLocalExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                // The executor mark is what AdaptiveByteBufAllocator checks; ImmediateEventExecutor
                // is never asked to run anything (cache trimming by timer is off by default).
                ThreadExecutorMap.apply(new DefaultThreadFactory(prefix), ImmediateEventExecutor.INSTANCE));
    }
}
