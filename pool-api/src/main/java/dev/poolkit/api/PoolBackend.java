package dev.poolkit.api;

import java.util.Set;

/**
 * The service-provider interface: one implementation per backend module, listed in its
 * {@code META-INF/services/dev.poolkit.api.PoolBackend}, found by {@link Pools} through
 * {@link java.util.ServiceLoader}. Needs a public no-argument constructor.
 */
public interface PoolBackend {

    /** The name users pass to {@link Pools}; lower case, unique on the class path. */
    String name();

    /** One line: what the backend is and when to pick it. */
    String description();

    /** The optional guarantees this backend gives. */
    Set<Capability> capabilities();

    BlockPool newBlockPool(BlockPoolConfig config);

    <T> ObjectPool<T> newObjectPool(ObjectPoolConfig<T> config);
}
