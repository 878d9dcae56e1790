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
     * A non-reentrant mutex that a thread finding it held retries after growing pauses before it
     * parks, as Go's {@code sync.Mutex} spins before it sleeps (see {@code SpinThenParkLock}).
     */
    SPIN_THEN_PARK;

    /**
     * The kind the registered {@code freelist} backend uses: the one {@code FreeListLockBenchmark}
     * measured fastest on this project's reference machine, alone and with two threads
     * contending, and the only one that allocates nothing when contended (a parked
     * {@code ReentrantLock} waiter allocates a queue node). The figures, with their run, are in the
     * README's section "The freelist's lock"; rerun the benchmark to choose again elsewhere.
     */
    public static final LockKind DEFAULT = SPIN_THEN_PARK;
}
