package dev.poolkit.freelist;

/**
 * How the free list is guarded. Both are kept so the choice can be measured again on other
 * hardware ({@code bench}: {@code FreeListLockBenchmark}); {@link FreeListBackend} registers the
 * one that measured faster here, {@link #DEFAULT}.
 */
public enum LockKind {
    /** A monitor ({@code synchronized}): no allocation, JIT-friendly, biased toward uncontended use. */
    SYNCHRONIZED,
    /** {@link java.util.concurrent.locks.ReentrantLock} (non-fair): CAS to acquire, volatile write to release. */
    REENTRANT_LOCK;

    /** The kind the registered {@code freelist} backend uses; see {@link FreeListBlockPool} for the numbers. */
    public static final LockKind DEFAULT = SYNCHRONIZED;
}
