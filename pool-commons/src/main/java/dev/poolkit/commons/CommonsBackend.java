package dev.poolkit.commons;

import dev.poolkit.api.Block;
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
 * {@code commons}: Apache Commons Pool 2's {@code GenericObjectPool} behind the Poolkit contract.
 * Pick it to compare against the pool most Java code already uses, or for Commons Pool's own
 * features (JMX, eviction, validation, abandoned-object tracking), which {@link CommonsOptions}
 * passes through to {@link #objectPool} and {@link #blockPool} (the README's example is compiled
 * and run as {@code CommonsOptionsTest.documentationExample}).
 *
 * <p>Capabilities: {@link Capability#EXACT_AVAILABILITY}, because every free block sits in Commons
 * Pool's one idle deque, read under its lock; {@link Capability#DETECTS_OBJECT_DOUBLE_RELEASE},
 * because Commons Pool tracks every object it made and refuses to take back one that is idle. Not
 * {@link Capability#EXACT_MAX_IDLE}: see {@link CommonsObjectPool}.
 */
public final class CommonsBackend implements PoolBackend {
    public static final String NAME = "commons";

    /** For {@link java.util.ServiceLoader}; users reach the backend through {@code Pools}. */
    public CommonsBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Apache Commons Pool 2 GenericObjectPool (JMX, eviction, validation via CommonsOptions)";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.EXACT_AVAILABILITY, Capability.DETECTS_OBJECT_DOUBLE_RELEASE);
    }

    @Override
    public BlockPool newBlockPool(BlockPoolConfig config) {
        return blockPool(config, CommonsOptions.defaults());
    }

    @Override
    public <T> ObjectPool<T> newObjectPool(ObjectPoolConfig<T> config) {
        return objectPool(config, CommonsOptions.defaults());
    }

    /**
     * A block pool with Commons Pool's own settings on top of {@code config}.
     *
     * @throws dev.poolkit.api.PoolConfigException if {@code options} asks for the evictor or for
     *                                             abandoned tracking, which a block pool refuses
     */
    public static BlockPool blockPool(BlockPoolConfig config, CommonsOptions<Block> options) {
        return new CommonsBlockPool(Objects.requireNonNull(config, "config"), Objects.requireNonNull(options, "options"));
    }

    /** An object pool with Commons Pool's own settings on top of {@code config}. */
    public static <T> ObjectPool<T> objectPool(ObjectPoolConfig<T> config, CommonsOptions<T> options) {
        return new CommonsObjectPool<>(Objects.requireNonNull(config, "config"), Objects.requireNonNull(options, "options"));
    }
}
