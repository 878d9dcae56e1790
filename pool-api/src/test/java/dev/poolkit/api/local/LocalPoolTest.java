package dev.poolkit.api.local;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What only the local backend has: magazines, their sizing, and no ThreadLocal leak. */
class LocalPoolTest {

    @Test
    void magazinesHideAtMostAQuarterOfThePoolPerCoreAndAtMost32() {
        assertThat(LocalBlockPool.magazineSize(1024, 2)).isEqualTo(32);
        assertThat(LocalBlockPool.magazineSize(64, 2)).isEqualTo(8);
        assertThat(LocalBlockPool.magazineSize(7, 2)).as("tiny pools go straight to the ring").isZero();
        assertThat(LocalBlockPool.magazineSize(1 << 20, 64)).isEqualTo(32);
    }

    @Test
    void aThreadAlternatingAcquireAndReleaseStaysOnItsMagazine() {
        LocalBlockPool p = (LocalBlockPool) new LocalBackend().newBlockPool(
                BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        Block first = p.acquire();
        p.release(first);
        int ringAfterFirst = p.sharedFree();
        for (int i = 0; i < 1000; i++) {
            p.release(p.acquire());
        }
        assertThat(p.sharedFree()).as("the ring was not touched again").isEqualTo(ringAfterFirst);
        assertThat(ringAfterFirst).isEqualTo(256 - p.magazineSize() / 2);
        p.close();
    }

    @Test
    void aPoolUsedByALongLivedThreadCanStillBeCollected() {
        // The per-thread state lives in this (long-lived) test thread's ThreadLocal map; if it
        // referenced the pool, the pool could never be collected while the thread lives.
        WeakReference<BlockPool> blocks = useAndDropBlockPool();
        WeakReference<ObjectPool<StringBuilder>> objects = useAndDropObjectPool();
        long deadline = System.nanoTime() + TestThreads.SAFETY_NET.toNanos();
        while ((blocks.get() != null || objects.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.yield();
        }
        assertThat(blocks.get()).as("block pool collected").isNull();
        assertThat(objects.get()).as("object pool collected").isNull();
    }

    private static WeakReference<BlockPool> useAndDropBlockPool() {
        BlockPool p = new LocalBackend().newBlockPool(BlockPoolConfig.builder().capacity(256).blockSize(64).build());
        List<Block> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(p.acquire());
        }
        held.forEach(p::release); // leaves blocks in this thread's magazine
        return new WeakReference<>(p);
    }

    private static WeakReference<ObjectPool<StringBuilder>> useAndDropObjectPool() {
        ObjectPool<StringBuilder> p = new LocalBackend().newObjectPool(ObjectPoolConfig.builder(StringBuilder::new).build());
        p.release(p.acquire()); // leaves an object in this thread's cache
        return new WeakReference<>(p);
    }
}
