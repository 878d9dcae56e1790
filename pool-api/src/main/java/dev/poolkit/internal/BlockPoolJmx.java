package dev.poolkit.internal;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolMXBean;
import dev.poolkit.api.PoolStats;

/** The {@link BlockPoolMXBean} of one pool: reads it on every call, keeps nothing. */
public final class BlockPoolJmx implements BlockPoolMXBean {
    private final String name;
    private final BlockPool pool;

    public BlockPoolJmx(String name, BlockPool pool) {
        this.name = name;
        this.pool = pool;
    }

    /** Pooled blocks free: unpooled blocks out ({@code misses - discards}) are in inUse but not in the slab. */
    public static long free(BlockPool pool, PoolStats s) {
        long pooledInUse = s.inUse() - (s.misses() - s.discards());
        return Math.max(0, pool.config().capacity() - pooledInUse);
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
    public long getExhaustions() {
        return pool.stats().exhaustions();
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
    public long getFree() {
        return free(pool, pool.stats());
    }

    @Override
    public long getWaits() {
        return pool.waits().count();
    }

    @Override
    public long getWaitNanos() {
        return pool.waits().totalNanos();
    }

    @Override
    public int getCapacity() {
        return pool.config().capacity();
    }

    @Override
    public int getBlockSize() {
        return pool.config().blockSize();
    }

    @Override
    public int getAlignment() {
        return pool.config().alignment();
    }

    @Override
    public String getMemory() {
        return pool.config().memory().name();
    }

    @Override
    public String getExhaustionPolicy() {
        return pool.config().exhaustion().toString();
    }

    @Override
    public boolean isLeakTracking() {
        return pool.config().leakTracking();
    }
}
