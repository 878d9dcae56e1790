package dev.poolkit.internal;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolMXBean;

/** The {@link ObjectPoolMXBean} of one pool: reads it on every call, keeps nothing. */
public final class ObjectPoolJmx implements ObjectPoolMXBean {
    private final String name;
    private final ObjectPool<?> pool;

    public ObjectPoolJmx(String name, ObjectPool<?> pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getBackend() {
        return pool.backend();
    }

    @Override
    public long getAcquires() {
        return pool.stats().acquires();
    }

    @Override
    public long getReleases() {
        return pool.stats().releases();
    }

    @Override
    public long getMisses() {
        return pool.stats().misses();
    }

    @Override
    public long getDiscards() {
        return pool.stats().discards();
    }

    @Override
    public long getInUse() {
        return pool.stats().inUse();
    }

    @Override
    public long getHighWater() {
        return pool.stats().highWater();
    }

    @Override
    public int getIdle() {
        return pool.idle();
    }

    @Override
    public int getMaxIdle() {
        return pool.config().maxIdle();
    }
}
