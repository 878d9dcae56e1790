package dev.poolkit.freelist;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} taken the way Go's {@code sync.Mutex} is: a thread that finds it held
 * spins briefly, reading the lock's state and trying only when it looks free
 * (test-and-test-and-set, so the spinning does not bounce the lock's cache line), and parks only if
 * the holder is still in after that. The free list holds the lock for a pop or a push, a few
 * nanoseconds, so a waiter usually gets it while spinning, without the park and wake-up (and the
 * queue node a parked thread allocates) that a plain {@code lock()} pays under contention.
 */
final class SpinThenParkLock {
    /**
     * Spins before parking: several critical sections of the free list, still far shorter than
     * one park and wake-up.
     */
    private static final int SPINS = 64;

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        if (lock.tryLock()) {
            return;
        }
        lockContended();
    }

    /** Off the fast path, so that {@link #lock()} stays small enough to inline. */
    private void lockContended() {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }
}
