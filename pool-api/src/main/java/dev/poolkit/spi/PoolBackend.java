package dev.poolkit.spi;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Capability;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;

import java.util.Set;

/**
 * The service-provider interface: one implementation per backend module, found by {@link Pools}
 * through {@link java.util.ServiceLoader}. A backend lists it in
 * {@code META-INF/services/dev.poolkit.spi.PoolBackend} and in a {@code provides} clause of its
 * {@code module-info}, and gives it a public no-argument constructor.
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
