package dev.poolkit.freelist;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A mutex taken the way Go's {@code sync.Mutex} is: a thread that finds it held spins before it
 * parks, retrying after exponentially growing pauses. The free list holds the lock for a pop or a
 * push, a few nanoseconds, so a waiter usually gets it while spinning, without the park and
 * wake-up (two system calls, and the queue node a parked thread allocates) that a plain
 * {@code lock()} pays under contention; and because the pauses grow, the holder gets to run
 * several critical sections in a row instead of fighting a spinner over the lock's cache line on
 * every one (spinning on every retry measured slower than parking).
 *
 * <p>It is the non-reentrant mutex of {@link AbstractQueuedSynchronizer}'s own documentation
 * (state 0 free, 1 held), not a {@code ReentrantLock} wrapped: the pool never takes it twice on
 * one thread, so it needs neither the hold count nor the owner field, whose store on every
 * acquire pays the collector's write barrier; and the state word sits in this object, one
 * dependent load from the pool, where the wrapped {@code ReentrantLock} this replaced took three
 * (the wrapper, the lock, and the separate {@code Sync} that holds its state). Every load on that chain is re-read after each lock operation's fence,
 * on every acquire and release.
 */
final class SpinThenParkLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;
    /**
     * The longest pause between two tries, in spin-wait hints; the pauses double from 1 up to
     * this, about two thousand hints in all, still far shorter than one park and wake-up.
     */
    private static final int MAX_PAUSE = 1024;

    void lock() {
        if (compareAndSetState(0, 1)) {
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
            if (getState() == 0 && compareAndSetState(0, 1)) {
                return;
            }
        }
        acquire(1);
    }

    void unlock() {
        release(1);
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        if (getState() == 0) {
            // Only a bug of this package can get here: every unlock follows its lock.
            throw new IllegalMonitorStateException("the free list's lock was released while free");
        }
        setState(0);
        return true;
    }

    @Override
    protected boolean isHeldExclusively() {
        return getState() == 1;
    }
}
