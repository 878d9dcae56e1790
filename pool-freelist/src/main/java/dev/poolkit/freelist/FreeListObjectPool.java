package dev.poolkit.freelist;

import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.spi.AbstractObjectPool;

import java.util.function.Consumer;

/**
 * The free-list idea for objects: a bounded array of idle objects used as a stack under one
 * {@link SpinThenParkLock} (the lock kind that measured fastest for blocks; see {@link LockKind#DEFAULT}). The array
 * is sized to maxIdle up front, so release never allocates and never keeps more than maxIdle:
 * {@code EXACT_MAX_IDLE} holds whatever the threads.
 */
final class FreeListObjectPool<T> extends AbstractObjectPool<T> {
    private final SpinThenParkLock lock = new SpinThenParkLock();
    private final Object[] idle;
    // Guarded by lock: the counts ride in the critical sections the stack needs anyway.
    private int count;
    private long hits;
    private long kept;

    FreeListObjectPool(ObjectPoolConfig<T> config) {
        super(FreeListBackend.NAME, config);
        this.idle = new Object[config.maxIdle()];
    }

    @Override
    protected T pollIdle() {
        lock.lock();
        try {
            T o = popLocked();
            if (o != null) {
                hits++;
            }
            return o;
        } finally {
            lock.unlock();
        }
    }

    private T popLocked() {
        int n = count;
        if (n == 0) {
            return null;
        }
        count = n - 1;
        @SuppressWarnings("unchecked") // only T is ever stored
        T o = (T) idle[n - 1];
        idle[n - 1] = null; // a handed-out object must not stay reachable from the pool
        return o;
    }

    @Override
    protected boolean offerIdle(T object) {
        lock.lock();
        try {
            int n = count;
            if (n == idle.length) {
                return false;
            }
            idle[n] = object;
            count = n + 1;
            kept++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        while (true) {
            T o;
            lock.lock();
            try {
                o = popLocked();
            } finally {
                lock.unlock();
            }
            if (o == null) {
                return;
            }
            sink.accept(o); // outside the lock: a user's hook
        }
    }

    @Override
    protected long idleHits() {
        lock.lock();
        try {
            return hits;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected long idleKept() {
        lock.lock();
        try {
            return kept;
        } finally {
            lock.unlock();
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
