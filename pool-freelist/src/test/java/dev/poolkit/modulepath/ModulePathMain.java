package dev.poolkit.modulepath;

import dev.poolkit.api.Pools;

import java.util.List;

/**
 * Runs in {@code ModulePathTest}'s child JVM, on the class path, against the libraries on the
 * module path; in a package of its own, since a class-path class cannot share a package with a
 * named module.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) {
        System.out.println("backends " + Pools.names());
        System.out.println("api module " + Pools.class.getModule().getName());
        for (String name : List.of("freelist", "local")) {
            try (var pool = Pools.blockPool(name, dev.poolkit.api.BlockPoolConfig.builder().capacity(4)
                    .blockSize(64).build())) {
                var b = pool.acquire();
                pool.release(b);
                if (pool.stats().acquires() != 1 || pool.stats().inUse() != 0) {
                    throw new AssertionError(name + ": " + pool.stats());
                }
            }
            System.out.println(name + " pair ok");
        }
    }
}
