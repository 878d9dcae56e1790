package dev.poolkit.jctools;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;

/** Run by {@link NoUnsafeWarningTest} in a child JVM: every queue operation the backend performs. */
public final class JctoolsPoolsMain {
    private JctoolsPoolsMain() {
    }

    public static void main(String[] args) {
        try (BlockPool blocks = Pools.blockPool("jctools", BlockPoolConfig.builder().capacity(2).blockSize(64).build());
             ObjectPool<StringBuilder> objects = Pools.objectPool("jctools",
                     ObjectPoolConfig.builder(StringBuilder::new).maxIdle(3).build())) {
            Block a = blocks.acquire();
            Block b = blocks.tryAcquire();
            check(blocks.tryAcquire() == null, "an empty pool hands out nothing");
            blocks.release(a);
            blocks.release(b);
            check(blocks.stats().inUse() == 0, "every block back");
            StringBuilder sb = objects.acquire();
            objects.release(sb);
            check(objects.acquire() == sb && objects.idle() == 0, "the idle object is reused");
            objects.release(sb);
            check(objects.stats().releases() == 2, "two releases counted");
        }
        System.out.println("jctools block and object pools ok on Java " + Runtime.version().feature());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
