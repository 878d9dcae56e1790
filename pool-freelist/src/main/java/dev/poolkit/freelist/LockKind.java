package dev.poolkit.freelist;

/**
 * How the free list is guarded. Both are kept so the choice can be measured again on other
 * hardware ({@code bench}: {@code FreeListLockBenchmark}); {@link FreeListBackend} registers the
 * one that measured faster here, {@link #DEFAULT}.
 */
public enum LockKind {
    /**
     * A monitor ({@code synchronized}): a CAS to enter and one to exit on JDK 17 (stack locking;
     * biased locking is off since JDK 15), inflated to an OS-parked monitor under contention.
     */
    SYNCHRONIZED,
    /** {@link java.util.concurrent.locks.ReentrantLock} (non-fair): CAS to acquire, volatile write to release. */
    REENTRANT_LOCK,
    /**
     * A {@code ReentrantLock} that a thread finding it held retries after growing pauses before it
     * parks, as Go's {@code sync.Mutex} spins before it sleeps (see {@code SpinThenParkLock}).
     */
    SPIN_THEN_PARK;

    /**
     * The kind the registered {@code freelist} backend uses. Measured with
     * {@code FreeListLockBenchmark} (acquire+release pair, 4 KiB x 1024, 3 forks x 5 x 1 s, mean
     * and 99.9% CI, G1, OpenJDK 17.0.15, 2 vCPUs AMD EPYC, 2026-12-01): one thread, SYNCHRONIZED
     * 18.5 +- 1.9 ns, REENTRANT_LOCK 21.9 +- 2.9, SPIN_THEN_PARK 23.2 +- 1.3 (close to a tie);
     * two threads contending, SYNCHRONIZED 165 +- 65 ns, REENTRANT_LOCK 183 +- 78 ns and 5.4 B
     * allocated per pair (the queue node of each thread that parks), SPIN_THEN_PARK 94.6 +- 18.0 ns
     * and nothing allocated. So SPIN_THEN_PARK: half the contended cost, steadier, and no garbage.
     * (An earlier spin that retried on every pause instead of backing off measured 429 +- 81 ns:
     * the two threads fought over the lock's cache line on every critical section.)
     */
    public static final LockKind DEFAULT = SPIN_THEN_PARK;
}
