package dev.poolkit.freelist;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.spi.PoolBackend;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code freelist}: the seed article's design, a mutex-guarded singly linked free list over the
 * slab. Exact in every respect (availability, maxIdle) because one lock orders everything; the
 * price is that every acquire and release takes that lock.
 */
public final class FreeListBackend implements PoolBackend {
    public static final String NAME = "freelist";

    private final LockKind lock;

    /** The registered backend, with {@link LockKind#DEFAULT}. */
    public FreeListBackend() {
        this(LockKind.DEFAULT);
    }

    /** A backend whose block pools use {@code lock}; for measuring the lock choice. */
    public FreeListBackend(LockKind lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one lock over a singly linked free list threaded through the slab (the seed article's memPool)";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.EXACT_AVAILABILITY, Capability.EXACT_MAX_IDLE);
    }

    @Override
    public BlockPool newBlockPool(BlockPoolConfig config) {
        return FreeListBlockPool.create(config, lock);
    }

    @Override
    public <T> ObjectPool<T> newObjectPool(ObjectPoolConfig<T> config) {
        return new FreeListObjectPool<>(config);
    }

    @Override
    public String toString() {
        return NAME + (lock == LockKind.DEFAULT ? "" : "(" + lock + ")");
    }
}
