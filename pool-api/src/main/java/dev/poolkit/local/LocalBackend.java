package dev.poolkit.local;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.spi.PoolBackend;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code local}: per-thread caches in front of a shared lock-free ring, JDK only: Java's analogue
 * of Go's {@code sync.Pool}, and the default backend.
 */
public final class LocalBackend implements PoolBackend {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per-thread magazines over a shared lock-free ring (sync.Pool analogue, JDK only; the default)";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DROPS_IDLE_ON_GC);
    }

    @Override
    public BlockPool newBlockPool(BlockPoolConfig config) {
        return new LocalBlockPool(config);
    }

    @Override
    public <T> ObjectPool<T> newObjectPool(ObjectPoolConfig<T> config) {
        return new LocalObjectPool<>(config);
    }
}
