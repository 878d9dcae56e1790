package dev.poolkit.api;

import dev.poolkit.spi.PoolBackend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds backends by name through {@link ServiceLoader}: add a backend module to the class path
 * and its name works here, with no other code. {@code local} (in this module) is always present
 * and is the default, as {@code sync.Pool} is Go's standard pool.
 *
 * <pre>{@code
 * BlockPool pool = Pools.blockPool("freelist", BlockPoolConfig.builder().blockSize(4096).capacity(256).build());
 * }</pre>
 */
public final class Pools {
    /** The backend used when none is named. */
    public static final String DEFAULT_BACKEND = "local";

    private static volatile Map<String, PoolBackend> cache;

    private Pools() {
    }

    /** The backend called {@code name} (case-insensitive). */
    public static PoolBackend backend(String name) {
        if (name == null || name.isBlank()) {
            throw new UnknownBackendException(String.valueOf(name), names());
        }
        PoolBackend b = backends().get(name.toLowerCase(Locale.ROOT).strip());
        if (b == null) {
            throw new UnknownBackendException(name, names());
        }
        return b;
    }

    /** The names of every backend on the class path, sorted. */
    public static List<String> names() {
        return List.copyOf(backends().keySet());
    }

    /** Every backend on the class path, sorted by name. */
    public static List<PoolBackend> all() {
        return List.copyOf(backends().values());
    }

    public static BlockPool blockPool(String backend, BlockPoolConfig config) {
        return backend(backend).newBlockPool(config);
    }

    public static <T> ObjectPool<T> objectPool(String backend, ObjectPoolConfig<T> config) {
        return backend(backend).newObjectPool(config);
    }

    private static Map<String, PoolBackend> backends() {
        Map<String, PoolBackend> m = cache;
        if (m == null) {
            m = load();
            cache = m;
        }
        return m;
    }

    private static Map<String, PoolBackend> load() {
        Map<String, PoolBackend> byName = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (PoolBackend b : ServiceLoader.load(PoolBackend.class, Pools.class.getClassLoader())) {
            PoolBackend previous = byName.putIfAbsent(b.name(), b);
            if (previous != null && previous.getClass() != b.getClass()) {
                clashes.add(b.name() + " (" + previous.getClass().getName() + " and " + b.getClass().getName() + ")");
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("two pool backends share a name: " + String.join(", ", clashes)
                    + "; remove one of the modules from the class path");
        }
        return Collections.unmodifiableMap(byName);
    }
}
