package dev.poolkit.jctools;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.spi.PoolBackend;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code jctools}: one JCTools MPMC array queue per pool ({@code MpmcArrayQueue}, or from Java 23
 * on, where {@code sun.misc.Unsafe}'s memory access is deprecated, {@code MpmcAtomicArrayQueue},
 * which needs no {@code Unsafe}), shared by all threads: lock-free,
 * one CAS per operation, no allocation per acquire or release, no per-thread caches.
 *
 * <p>Capabilities: {@link Capability#EXACT_AVAILABILITY}, because every free block sits in the one
 * queue and its {@code poll()} returns null iff the queue is empty; {@link Capability#EXACT_MAX_IDLE},
 * because an object enters the idle queue only after taking one of {@code maxIdle} permits (see
 * {@link JctoolsObjectPool}). Not {@link Capability#DETECTS_OBJECT_DOUBLE_RELEASE}: the queue cannot
 * tell whether it already holds an object without a per-object record, which would cost an
 * allocation or a lookup on every release.
 */
public final class JctoolsBackend implements PoolBackend {
    public static final String NAME = "jctools";

    /** For {@link java.util.ServiceLoader}; users reach the backend through {@code Pools}. */
    public JctoolsBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one lock-free JCTools MPMC queue per pool (no per-thread caches, no allocation per operation)";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.EXACT_AVAILABILITY, Capability.EXACT_MAX_IDLE);
    }

    @Override
    public BlockPool newBlockPool(BlockPoolConfig config) {
        return new JctoolsBlockPool(config);
    }

    @Override
    public <T> ObjectPool<T> newObjectPool(ObjectPoolConfig<T> config) {
        return new JctoolsObjectPool<>(config);
    }
}
