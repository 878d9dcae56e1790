package dev.poolkit.api;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parking for acquirers that wait under {@link ExhaustionPolicy#await}. Only the slow path takes
 * the lock; a release pays one volatile read of {@link #count} and signals only if someone waits.
 *
 * <p>Why no wake-up is lost: a waiter raises {@code count} and then looks at the free set, both
 * under the lock; a releaser adds to the free set and then reads {@code count}. Both the free-set
 * operations (a backend's lock, CAS or volatile access) and {@code count} are synchronisation
 * actions, so either the releaser sees the waiter and signals it (and the signal cannot slip in
 * before the waiter parks, because the waiter holds the lock until it parks), or the waiter's look
 * comes after the release and finds the block.
 */
final class Waiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile int count;

    /** Something that looks for a free block, or null. */
    interface Poll {
        Block poll();
    }

    boolean any() {
        return count != 0;
    }

    /**
     * Waits up to {@code nanos} for {@code poll} to find a block.
     *
     * @return the block, or null if the time ran out
     * @throws PoolClosedException      if the pool closes while waiting
     * @throws PoolInterruptedException if the thread is interrupted while waiting
     */
    Block await(Poll poll, long nanos, BooleanState closed, java.util.function.Supplier<String> pool) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            count = count + 1; // only written under the lock
            try {
                long remaining = nanos;
                while (true) {
                    if (closed.get()) {
                        throw new PoolClosedException(pool.get() + " was closed while this thread waited for"
                                + " a block; stop acquiring once shutdown begins");
                    }
                    Block b = poll.poll();
                    if (b != null || remaining <= 0) {
                        return b;
                    }
                    remaining = released.awaitNanos(remaining);
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

    /** Wakes up to n waiters: one per block made available, so no free block sits unclaimed. */
    void signal(int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                released.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void signalAll() {
        lock.lock();
        try {
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A boolean read through a method, so the pool's closed flag stays private to it. */
    interface BooleanState {
        boolean get();
    }
}
