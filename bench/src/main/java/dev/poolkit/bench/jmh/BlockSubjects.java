package dev.poolkit.bench.jmh;

import dev.poolkit.api.BackendNames;
import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.Pools;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the buffer benchmarks, by name: every registered backend (a {@link BlockPool} of
 * direct blocks), the two no-pool baselines, each backend's bare twin ({@link Twins}) and the
 * libraries a Java user would otherwise pick, each configured as its authors document it.
 * {@link #configuration(String)} says how each row is set up; the report prints it.
 */
public final class BlockSubjects {
    /** Plain {@code ByteBuffer.allocate(blockSize)} per acquire: what "no pool" costs on the heap. */
    public static final String NONE_HEAP = "none-heap";
    /** Plain {@code ByteBuffer.allocateDirect(blockSize)} per acquire: what "no pool" costs off-heap. */
    public static final String NONE_DIRECT = "none-direct";
    /** Poolkit {@code local} called on the pool itself from every thread: {@code local} without its tap. */
    public static final String LOCAL_NO_TAP = "local-no-tap";
    public static final String RAW_FREELIST = "raw-freelist";
    public static final String RAW_LOCAL = "raw-local";
    public static final String RAW_JCTOOLS = "raw-jctools";
    /** {@code raw-jctools} plus the atomic double-release refusal: see {@link Twins#refusingOf}. */
    public static final String RAW_JCTOOLS_REFUSING = "raw-jctools-refusing";
    /** {@code raw-local} plus the atomic double-release refusal: see {@link Twins#refusingOf}. */
    public static final String RAW_LOCAL_REFUSING = "raw-local-refusing";
    public static final String RAW_COMMONS = "raw-commons";
    public static final String STORMPOT = "stormpot";
    public static final String STORMPOT_NEVER = "stormpot-never";
    public static final String STORMPOT_CLAIM = "stormpot-claim";
    public static final String NETTY_POOLED = "netty-pooled";
    public static final String NETTY_ADAPTIVE = "netty-adaptive";

    private static final String SIZES = " blockSize and capacity are the case's parameters.";

    /** The rows that are not registered backends, in table order, each with how it is configured. */
    private static final Map<String, String> OTHERS = new LinkedHashMap<>();

    static {
        OTHERS.put(NONE_HEAP, "`ByteBuffer.allocate(blockSize)` per acquire, dropped on release: no pool, heap.");
        OTHERS.put(NONE_DIRECT, "`ByteBuffer.allocateDirect(blockSize)` per acquire, dropped on release (its"
                + " Cleaner frees the native memory after a GC): no pool, off-heap.");
        OTHERS.put(LOCAL_NO_TAP, "Poolkit `local` as its row, but `acquire()` and `release()` on the pool itself from"
                + " every thread, no tap: each call finds the thread's magazine by the thread's id." + SIZES);
        OTHERS.put(RAW_FREELIST, "Bare twin of `freelist`: " + RawBlocks.FREELIST + SIZES);
        OTHERS.put(RAW_LOCAL, "Bare twin of `local`: " + RawBlocks.LOCAL + SIZES);
        OTHERS.put(RAW_JCTOOLS, "Bare twin of `jctools`: " + RawBlocks.JCTOOLS + SIZES);
        OTHERS.put(RAW_JCTOOLS_REFUSING, RawBlocks.JCTOOLS_REFUSING + SIZES);
        OTHERS.put(RAW_LOCAL_REFUSING, RawBlocks.LOCAL_REFUSING + SIZES);
        OTHERS.put(RAW_COMMONS, "Bare twin of `commons`: " + RawCommons.CONFIGURATION + " Direct buffers, maxTotal ="
                + " maxIdle = capacity, `clear()` on return." + SIZES);
        OTHERS.put(STORMPOT, "Stormpot 3.2, default expiration (8 to 10 minutes), one `getThreadLocalTap()` per"
                + " benchmark thread (held in a `Scope.Thread` state, as Stormpot documents)." + StormpotBlocks.COMMON);
        OTHERS.put(STORMPOT_NEVER, "Stormpot 3.2, `Expiration.never()`, one `getThreadLocalTap()` per benchmark"
                + " thread." + StormpotBlocks.COMMON);
        OTHERS.put(STORMPOT_CLAIM, "Stormpot 3.2, default expiration, `pool.claim(timeout)` on the pool itself (its"
                + " own thread-local slot cache, no tap): `stormpot` without the tap." + StormpotBlocks.COMMON);
        OTHERS.put(NETTY_POOLED, "Netty 4.2 `new PooledByteBufAllocator(true)`, Netty's defaults otherwise,"
                + " `directBuffer(blockSize, blockSize)` then `release()`. " + NettyBuffers.COMMON);
        OTHERS.put(NETTY_ADAPTIVE, "Netty 4.2 `new AdaptiveByteBufAllocator()` (4.2's default allocator), Netty's"
                + " defaults, `directBuffer(blockSize, blockSize)` then `release()`. " + NettyBuffers.COMMON);
    }

    private BlockSubjects() {
    }

    /** Every row: the registry's backends, then the baselines, the bare twins and the peers. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Pools.names());
        all.addAll(OTHERS.keySet());
        return all;
    }

    /** How the row called {@code name} is set up, in a sentence or two for the report. */
    public static String configuration(String name) {
        String c = OTHERS.get(name);
        if (c != null) {
            return c;
        }
        return "Poolkit `" + name + "`: `Pools.blockPool(\"" + name + "\", config)` with the config's defaults (direct"
                + " slab, 64-byte alignment, exhaustion `fail()`, no leak tracking), called through one `pool.tap()`"
                + " per benchmark thread, its documented fast path." + SIZES;
    }

    /** The subject called {@code name}, with at most {@code capacity} buffers of {@code blockSize} bytes. */
    public static Subject create(String name, int blockSize, int capacity) {
        switch (name) {
            case NONE_HEAP:
                return new HeapAllocation(blockSize);
            case NONE_DIRECT:
                return new DirectAllocation(blockSize);
            case LOCAL_NO_TAP:
                return new PoolkitBlocks(Pools.blockPool("local", config(blockSize, capacity)), false);
            case RAW_FREELIST:
                return new RawBlocks.FreeList(blockSize, capacity);
            case RAW_LOCAL:
                return new RawBlocks.Local(blockSize, capacity);
            case RAW_JCTOOLS:
                return new RawBlocks.Jctools(blockSize, capacity);
            case RAW_JCTOOLS_REFUSING:
                return new RawBlocks.JctoolsRefusing(blockSize, capacity);
            case RAW_LOCAL_REFUSING:
                return new RawBlocks.LocalRefusing(blockSize, capacity);
            case RAW_COMMONS:
                return new RawCommons<>(ByteBuffer.class, () -> ByteBuffer.allocateDirect(blockSize), ByteBuffer::clear,
                        capacity, capacity);
            case STORMPOT:
                return StormpotBlocks.create(blockSize, capacity, false, true);
            case STORMPOT_NEVER:
                return StormpotBlocks.create(blockSize, capacity, true, true);
            case STORMPOT_CLAIM:
                return StormpotBlocks.create(blockSize, capacity, false, false);
            case NETTY_POOLED:
                return NettyBuffers.pooled(blockSize);
            case NETTY_ADAPTIVE:
                return NettyBuffers.adaptive(blockSize);
            default:
                // Anything else must be a registered backend; an unknown name fails with the list.
                checkRow(name, names());
                return new PoolkitBlocks(Pools.blockPool(name, config(blockSize, capacity)), true);
        }
    }

    /** An unknown {@code -p} value fails naming every row and the one most likely meant. */
    static void checkRow(String name, List<String> rows) {
        if (!rows.contains(name)) {
            throw new IllegalArgumentException("no benchmark row '" + name + "'; valid: " + String.join(", ", rows)
                    + "." + BackendNames.didYouMean(name, rows));
        }
    }

    private static BlockPoolConfig config(int blockSize, int capacity) {
        return BlockPoolConfig.builder().blockSize(blockSize).capacity(capacity).build();
    }

    /** A Poolkit pool, called through a tap made on each benchmark thread, or on the pool itself. */
    static final class PoolkitBlocks extends Subject {
        private final BlockPool pool;
        private final BlockTap calls;
        private final boolean tapPerThread;

        PoolkitBlocks(BlockPool pool, boolean tapPerThread) {
            this(pool, pool, tapPerThread);
        }

        private PoolkitBlocks(BlockPool pool, BlockTap calls, boolean tapPerThread) {
            this.pool = pool;
            this.calls = calls;
            this.tapPerThread = tapPerThread;
        }

        @Override
        public Subject forThread() {
            return tapPerThread ? new PoolkitBlocks(pool, pool.tap(), true) : this;
        }

        @Override
        public Object acquire() {
            return calls.acquire();
        }

        @Override
        public void release(Object item) {
            calls.release((Block) item);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    static final class HeapAllocation extends Subject {
        private final int size;

        HeapAllocation(int size) {
            this.size = size;
        }

        @Override
        public Object acquire() {
            return ByteBuffer.allocate(size);
        }

        @Override
        public long bytesPerUse() {
            return size;
        }

        @Override
        public void release(Object item) {
            // Dropped: the garbage collector takes it back.
        }
    }

    static final class DirectAllocation extends Subject {
        private final int size;

        DirectAllocation(int size) {
            this.size = size;
        }

        @Override
        public Object acquire() {
            return ByteBuffer.allocateDirect(size);
        }

        @Override
        public long bytesPerUse() {
            return size;
        }

        @Override
        public void release(Object item) {
            // Dropped: its Cleaner frees the native memory after a GC finds it unreachable.
        }
    }
}
