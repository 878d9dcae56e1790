package dev.poolkit.freelist;

import dev.poolkit.api.AbstractObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolThreadState;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The free-list idea for objects: a bounded array of idle objects used as a stack under one
 * {@link ReentrantLock} (the lock kind that measured faster for blocks; see {@link LockKind#DEFAULT}). The array
 * is sized to maxIdle up front, so release never allocates and never keeps more than maxIdle:
 * {@code EXACT_MAX_IDLE} holds whatever the threads.
 */
final class FreeListObjectPool<T> extends AbstractObjectPool<T, PoolThreadState> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Object[] idle;
    private int count; // guarded by lock

    FreeListObjectPool(ObjectPoolConfig<T> config) {
        super(FreeListBackend.NAME, config);
        this.idle = new Object[config.maxIdle()];
    }

    @Override
    protected PoolThreadState newThreadState() {
        return new PoolThreadState(); // no per-thread cache: the idle stack is shared
    }

    @Override
    protected T pollIdle(PoolThreadState thread) {
        lock.lock();
        try {
            int n = count;
            if (n == 0) {
                return null;
            }
            count = n - 1;
            @SuppressWarnings("unchecked") // only T is ever stored
            T o = (T) idle[n - 1];
            idle[n - 1] = null; // a handed-out object must not stay reachable from the pool
            return o;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected boolean offerIdle(PoolThreadState thread, T object) {
        lock.lock();
        try {
            int n = count;
            if (n == idle.length) {
                return false;
            }
            idle[n] = object;
            count = n + 1;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        for (T o = pollIdle(null); o != null; o = pollIdle(null)) {
            sink.accept(o);
        }
    }

    @Override
    public int idle() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
