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
     * A {@code ReentrantLock} that a thread finding it held spins on briefly before it parks, as
     * Go's {@code sync.Mutex} does (see {@code SpinThenParkLock}).
     */
    SPIN_THEN_PARK;

    /**
     * The kind the registered {@code freelist} backend uses. Measured with
     * {@code FreeListLockBenchmark} (acquire+release pair, 4 KiB x 1024, 3 forks x 5 iterations,
     * OpenJDK 17.0.15, 2-core AMD EPYC VM, quiet, 2026-11-27): one thread, SYNCHRONIZED
     * 24.1 ± 0.2 ns, REENTRANT_LOCK 24.5 ± 0.3 ns (a tie); two threads contending,
     * SYNCHRONIZED 214 ± 126 ns, REENTRANT_LOCK 85.8 ± 2.3 ns. So ReentrantLock: as fast alone,
     * 2.5 times faster and far steadier under contention. Its price: a contended pair allocates
     * (0.2 to 3.4 B on average across runs): the queue node of each thread that parks, which a
     * monitor does not need. Spinning with tryLock before parking removed the allocation but made
     * contention three times slower (442 ± 178 ns: the lock's cache line bounced between cores
     * instead of one thread running while the other slept), so we kept the plain lock.
     */
    public static final LockKind DEFAULT = REENTRANT_LOCK;
}
