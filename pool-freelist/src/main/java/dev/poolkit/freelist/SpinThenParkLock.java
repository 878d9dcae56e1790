package dev.poolkit.freelist;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} taken the way Go's {@code sync.Mutex} is: a thread that finds it held
 * spins before it parks, retrying after exponentially growing pauses. The free list holds the lock
 * for a pop or a push, a few nanoseconds, so a waiter usually gets it while spinning, without the
 * park and wake-up (two system calls, and the queue node a parked thread allocates) that a plain
 * {@code lock()} pays under contention; and because the pauses grow, the holder gets to run
 * several critical sections in a row instead of fighting a spinner over the lock's cache line on
 * every one (spinning on every retry measured slower than parking).
 */
final class SpinThenParkLock {
    /**
     * The longest pause between two tries, in spin-wait hints; the pauses double from 1 up to
     * this, about two thousand hints in all, still far shorter than one park and wake-up.
     */
    private static final int MAX_PAUSE = 1024;

    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
        if (lock.tryLock()) {
            return;
        }
        lockContended();
    }

    /** Off the fast path, so that {@link #lock()} stays small enough to inline. */
    private void lockContended() {
        for (int pause = 1; pause <= MAX_PAUSE; pause <<= 1) {
            for (int i = 0; i < pause; i++) {
                Thread.onSpinWait();
            }
            if (lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }
}
