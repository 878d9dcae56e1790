package dev.poolkit.api;

import dev.poolkit.spi.PoolBackend;

/**
 * Guarantees that not every backend gives. A backend declares the ones it has
 * ({@link PoolBackend#capabilities()}); the contract suites test exactly those and skip the rest
 * with an assumption that names the missing capability.
 */
public enum Capability {
    /**
     * {@code tryAcquire()} returns null iff no block is free anywhere in the pool. Backends with
     * per-thread caches ({@code local}) lack it: up to a magazine of free blocks per live thread is
     * visible only to that thread until it next releases while another thread waits, or dies.
     */
    EXACT_AVAILABILITY,
    /** An ObjectPool never keeps more than {@code maxIdle} idle objects, whatever the threads. */
    EXACT_MAX_IDLE,
    /** ObjectPool {@code release} of an object that is already idle throws {@link DoubleReleaseException}. */
    DETECTS_OBJECT_DOUBLE_RELEASE,
    /** Idle objects unused for about two garbage collections are dropped (Go's victim cache). */
    DROPS_IDLE_ON_GC
}
