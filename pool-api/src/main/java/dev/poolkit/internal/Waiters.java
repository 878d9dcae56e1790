package dev.poolkit.internal;

import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolInterruptedException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Parking for acquirers that wait for a free item. Only the slow path takes the lock; a release
 * pays one volatile read of {@link #count} and signals only if someone waits.
 *
 * <p>Why no wake-up is lost: a waiter raises {@code count} and then looks at the free set, both
 * under the lock; a releaser adds to the free set and then reads {@code count}. Both the free-set
 * operations (a backend's lock, CAS or volatile access) and {@code count} are synchronisation
 * actions, so either the releaser sees the waiter and signals it (and the signal cannot slip in
 * before the waiter parks, because the waiter holds the lock until it parks), or the waiter's look
 * comes after the release and finds the item.
 */
public final class Waiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile int count;

    /** Whether any thread is waiting right now. */
    public boolean any() {
        return count != 0;
    }

    /**
     * Waits up to {@code nanos} for {@code poll} to find an item, looking again at least every
     * {@code sliceNanos} even if nobody signals (for free items that appear without a release, such
     * as the cache of a thread that died; {@code Long.MAX_VALUE} for none).
     *
     * @param closed whether the pool has closed
     * @param pool   describes the pool, for messages
     * @return the item, or null if the time ran out
     * @throws PoolClosedException      if the pool closes while waiting
     * @throws PoolInterruptedException if the thread is interrupted while waiting
     */
    public <E> E await(Supplier<E> poll, long nanos, long sliceNanos, BooleanSupplier closed, Supplier<String> pool) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            count = count + 1; // only written under the lock
            try {
                long deadline = System.nanoTime() + nanos;
                while (true) {
                    if (closed.getAsBoolean()) {
                        throw new PoolClosedException(pool.get() + " was closed while this thread waited for"
                                + " a block; stop acquiring once shutdown begins");
                    }
                    E e = poll.get();
                    long remaining = deadline - System.nanoTime();
                    if (e != null || remaining <= 0) {
                        return e;
                    }
                    released.awaitNanos(Math.min(remaining, sliceNanos));
                }
            } finally {
                count = count - 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException("interrupted while waiting up to "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms for a free block of " + pool.get(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes up to n waiters: one per item made available, so no free item sits unclaimed. */
    public void signal(int n) {
        if (n <= 0) {
            return;
        }
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                released.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public void signalAll() {
        lock.lock();
        try {
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
