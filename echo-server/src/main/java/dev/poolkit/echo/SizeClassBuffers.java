package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.SizeClassPool;

import java.util.ArrayList;
import java.util.List;

/**
 * Buffers from a {@link SizeClassPool} ({@code --block-sizes}): each connection reads into the
 * class its recent reads call for, as adaptive receive-buffer sizing does: grow fast, shrink slowly.
 * A read that fills its buffer moves the connection up to the smallest class at least
 * {@value #GROW_FACTOR} times as large (or the largest), since one full read says only "more";
 * {@value #SHRINK_AFTER} reads in a row that would have fitted the class below move it one class down. A new connection starts in the
 * smallest class, so a server of many small messages never touches the large blocks.
 *
 * <p>When the chosen class has no free block, any other class will do (larger first, then smaller:
 * an echo only reads less per call from a smaller one); when none has, the connection waits as with
 * one pool (for a release on its loop, or of the smallest class through the broker), or under
 * {@code --exhaustion unpooled} reads into a heap buffer of its class's size.
 */
final class SizeClassBuffers implements BufferSource {
    /** Small reads in a row before a connection moves down a class: one small read is no trend. */
    static final int SHRINK_AFTER = 4;
    /**
     * How much larger the class after a full read is: Netty's adaptive allocator also jumps four
     * steps of its table up and one down. One class at a time would read a large message through a
     * tiny class's buffer for several readiness events.
     */
    static final int GROW_FACTOR = 16;

    private final SizeClassPool pool;
    private final int[] sizes;
    private final boolean heapFallback;
    private final HeapFallbacks fallbacks = new HeapFallbacks();

    SizeClassBuffers(SizeClassPool pool, BufferExhaustion exhaustion) {
        this.pool = pool;
        this.heapFallback = exhaustion == BufferExhaustion.UNPOOLED;
        this.sizes = pool.classes().stream().mapToInt(c -> c.blockSize()).toArray();
    }

    @Override
    public boolean lease(Connection c) {
        int want = Math.max(0, c.sizeClass);
        Block b = pool.classPool(want).tryAcquire();
        if (b == null) {
            b = anyOther(want);
        }
        if (b != null) {
            c.lease(b);
            return true;
        }
        return heapFallback && leaseHeap(c, want);
    }

    /** Slow path: the wanted class is empty. */
    private Block anyOther(int want) {
        for (int i = want + 1; i < sizes.length; i++) {
            Block b = pool.classPool(i).tryAcquire();
            if (b != null) {
                return b;
            }
        }
        for (int i = want - 1; i >= 0; i--) {
            Block b = pool.classPool(i).tryAcquire();
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private boolean leaseHeap(Connection c, int want) {
        fallbacks.lend(c, sizes[want]);
        return true;
    }

    @Override
    public void read(Connection c, int n, int room) {
        if (c.block != null) {
            PoolRecording.recordUse(c.block, n);
        }
        int cls = Math.max(0, c.sizeClass);
        if (n >= room) { // full: the message may have been larger
            c.smallReads = 0;
            c.sizeClass = grown(cls);
        } else if (cls > 0 && n <= sizes[cls - 1]) {
            if (++c.smallReads >= SHRINK_AFTER) {
                c.smallReads = 0;
                c.sizeClass = cls - 1;
            }
        } else {
            c.smallReads = 0;
        }
    }

    /** The smallest class at least GROW_FACTOR times class {@code cls}, or the largest. */
    private int grown(int cls) {
        long target = (long) sizes[cls] * GROW_FACTOR;
        for (int i = cls + 1; i < sizes.length; i++) {
            if (sizes[i] >= target) {
                return i;
            }
        }
        return sizes.length - 1;
    }

    @Override
    public void giveBack(Connection c) {
        Block b = c.unlease();
        if (b != null) {
            pool.release(b);
        } else {
            fallbacks.dropped();
        }
    }

    @Override
    public void spill(Connection c) {
        fallbacks.spill(c, pool::release);
    }

    @Override
    public boolean scarce() {
        return heapFallback && fallbacks.out() > 0;
    }

    @Override
    public BlockPool pool() {
        return heapFallback ? null : pool.classPool(0);
    }

    /** Every class: a waiter takes a block of any size rather than sleep beside one. */
    @Override
    public List<BlockPool> waitPools() {
        if (heapFallback) {
            return List.of();
        }
        List<BlockPool> all = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            all.add(pool.classPool(i));
        }
        return all;
    }

    @Override
    public PoolStats stats() {
        PoolStats s = pool.stats().total();
        return fallbacks.addTo(s);
    }

    @Override
    public long outstanding() {
        return pool.outstanding() + fallbacks.out();
    }

    @Override
    public String describeOutstanding() {
        StringBuilder sb = new StringBuilder();
        pool.leaks().forEach(r -> sb.append(sb.length() == 0 ? "" : "; ").append(r.describe()));
        long heap = fallbacks.out();
        return sb + (heap == 0 ? "" : "; and " + heap + " heap buffer(s) were not given back");
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return pool.toString();
    }
}
