package dev.poolkit.api;

import dev.poolkit.internal.BlockAccess;
import dev.poolkit.internal.Blocks;
import dev.poolkit.internal.jfr.Events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Several block sizes behind one {@link #acquire(int) acquire(bytes)}: each request is served by
 * the smallest class whose blocks hold it, so one pool fits messages of very different sizes
 * without the fragmentation of too small a block or the waste of too large a one. Each class is a
 * {@link BlockPool} of any backend, found by name through {@link Pools}; what it guarantees (misuse
 * refusals, visibility, statistics) is that backend's. Thread-safe.
 *
 * <pre>{@code
 * SizeClassPool pool = SizeClassPool.builder().backend("local")
 *         .sizeClass(1024, 256).sizeClass(4096, 64).sizeClass(16384, 16)
 *         .exhaustion(ExhaustionPolicy.unpooled()).build();
 * Block block = pool.acquire(3000);      // a 4096-byte block
 * try {
 *     block.buffer().put(payload);
 * } finally {
 *     pool.release(block);               // or block.pool().release(block)
 * }
 * }</pre>
 *
 * <p>When the class that fits has no free block, that class's {@link ExhaustionPolicy} applies
 * (every class has the same one); a larger class is not tried, so each class's capacity means what
 * it says. A request above the largest class can never be served from a slab: under
 * {@code fail()} and {@code await(d)} it throws {@link PoolExhaustedException} at once (no release
 * can make a block that large), under {@code unpooled()} it gets a fresh block of exactly its size,
 * dropped on release. Both are counted in {@link SizeClassStats#oversize()} and recorded as a
 * {@code dev.poolkit.Oversize} flight-recorder event.
 *
 * <p>One in {@link Builder#samplingRate samplingRate} acquires is recorded as a
 * {@code dev.poolkit.Acquire} event (the bytes asked for, the block size served, and the rate)
 * while a recording has it enabled; see {@link PoolRecording}. The sample is picked by the block's
 * own lease count, so choosing costs a mask test and no shared counter. The price: a workload
 * whose sizes repeat with a period that shares a factor with the rate (every other request large,
 * say, on a pool that hands the same block out each time) can be sampled on one phase only, and
 * its histogram then misses the other sizes. For such a workload record with
 * {@code samplingRate(1)}.
 */
public final class SizeClassPool implements AutoCloseable {
    /** One acquire in this many is recorded when a recording asks: a busy pool stays cheap to record. */
    public static final int DEFAULT_SAMPLING_RATE = PoolRecording.DEFAULT_SAMPLING_RATE;

    private static final BlockAccess BLOCKS = Blocks.access();

    private final String backend;
    private final List<SizeClass> classes;
    /** Block sizes, ascending: a scan of a few ints beats a binary search for the handful of classes a pool has. */
    private final int[] sizes;
    private final BlockPool[] pools;
    private final OversizeBlocks oversize;
    private final ExhaustionPolicy exhaustion;
    private final int samplingRate;
    private final long sampleMask;
    private volatile boolean closed;

    private SizeClassPool(Builder b, List<SizeClass> sorted) {
        this.backend = b.backend;
        this.classes = List.copyOf(sorted);
        this.exhaustion = b.exhaustion;
        this.samplingRate = b.samplingRate;
        this.sampleMask = b.samplingRate - 1L;
        this.sizes = new int[sorted.size()];
        this.pools = new BlockPool[sorted.size()];
        BlockPoolConfig largest = null;
        try {
            for (int i = 0; i < sorted.size(); i++) {
                SizeClass c = sorted.get(i);
                BlockPoolConfig.Builder cb = BlockPoolConfig.builder().blockSize(c.blockSize()).capacity(c.capacity())
                        .memory(b.memory).exhaustion(b.exhaustion).leakTracking(b.leakTracking);
                if (b.alignment > 0) {
                    cb.alignment(b.alignment);
                }
                largest = cb.build();
                sizes[i] = c.blockSize();
                pools[i] = Pools.blockPool(b.backend, largest);
            }
        } catch (RuntimeException e) {
            for (BlockPool p : pools) {
                if (p != null) {
                    p.close();
                }
            }
            throw e;
        }
        this.oversize = new OversizeBlocks(this, largest);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ hot path

    /**
     * A block of the smallest class that holds {@code bytes} (its buffer's limit is the class's
     * block size, at least {@code bytes}), or what the exhaustion policy gives; see the class comment
     * for requests above the largest class.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     * @throws PoolExhaustedException   as {@link BlockPool#acquire()}, or at once for a request above
     *                                  the largest class unless the policy is {@code unpooled()}
     * @throws PoolClosedException      if the pool is closed
     */
    public Block acquire(int bytes) {
        int i = classOf(bytes);
        if (i < 0) {
            return acquireOversize(bytes);
        }
        ensureOpen();
        Block b = pools[i].acquire();
        // The block's own lease count picks the sample: no shared counter, no allocation.
        if (((BLOCKS.word(b) >>> 1) & sampleMask) == 0) {
            sampled(bytes, b);
        }
        return b;
    }

    /**
     * A free block of the smallest class that holds {@code bytes}, or null iff that class has none
     * free right now (as its backend's {@link BlockPool#tryAcquire()}) or {@code bytes} exceeds the
     * largest class (counted as an oversize request). Never waits, never unpooled.
     */
    public Block tryAcquire(int bytes) {
        int i = classOf(bytes);
        if (i < 0) {
            oversizeRequest(bytes);
            return null;
        }
        ensureOpen();
        Block b = pools[i].tryAcquire();
        if (b != null && ((BLOCKS.word(b) >>> 1) & sampleMask) == 0) {
            sampled(bytes, b);
        }
        return b;
    }

    /**
     * Gives a block back to the class that handed it out (the same as {@code block.pool().release(block)}).
     *
     * @throws NullReleaseException   if {@code block} is null
     * @throws ForeignObjectException if no class of this pool handed it out
     * @throws DoubleReleaseException if it is already free
     * @throws PoolClosedException    if this pool is closed
     */
    public void release(Block block) {
        if (block == null) {
            throw new NullReleaseException("release(null) on " + this + ": you most likely released the result of"
                    + " a failed or skipped acquire (tryAcquire(bytes) returns null when the class is empty), or a"
                    + " field that was already cleared");
        }
        BlockPool owner = block.pool();
        for (BlockPool p : pools) {
            if (p == owner) {
                p.release(block);
                return;
            }
        }
        if (owner == oversize) {
            oversize.release(block);
            return;
        }
        throw new ForeignObjectException(block + " belongs to " + owner + ", not to any class of " + this
                + ": you most likely released it into the wrong pool; release it into block.pool()");
    }

    /** The index of the smallest class holding {@code bytes}, or -1 if none does. */
    private int classOf(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot acquire " + bytes + " bytes from " + this + ": a request"
                    + " must be >= 0 bytes (an unchecked length, or an int overflow in the caller?)");
        }
        int[] s = sizes;
        for (int i = 0; i < s.length; i++) {
            if (bytes <= s[i]) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ slow paths

    private void sampled(int bytes, Block b) {
        Events.acquired(this, bytes, b.buffer().capacity(), samplingRate);
    }

    private void oversizeRequest(int bytes) {
        ensureOpen();
        oversize.countRequest();
        Events.oversize(this, bytes, largestBlockSize(), exhaustion.toString());
    }

    private Block acquireOversize(int bytes) {
        oversizeRequest(bytes);
        if (exhaustion.kind() == ExhaustionPolicy.Kind.UNPOOLED) {
            return oversize.handOut(bytes);
        }
        throw new PoolExhaustedException("request of " + bytes + " bytes to " + this + " is larger than its largest"
                + " class (" + largestBlockSize() + " B), so no block can serve it"
                + (exhaustion.kind() == ExhaustionPolicy.Kind.WAIT ? " and no wait would help" : "")
                + " (policy " + exhaustion + "). Add a larger class (./poolkit advise sizes classes from a recording),"
                + " or use ExhaustionPolicy.unpooled() to hand out a fresh block for such requests");
    }

    private void ensureOpen() {
        if (closed) {
            throw new PoolClosedException(this + " is closed: you most likely acquired after close(), e.g. from a"
                    + " task still running during shutdown");
        }
    }

    // ------------------------------------------------------------------ the rest

    /** The classes, smallest first. */
    public List<SizeClass> classes() {
        return classes;
    }

    /** The pool of class {@code index} (0 = smallest), e.g. for its {@link BlockPool#leaks()}. */
    public BlockPool classPool(int index) {
        return pools[index];
    }

    /** The largest request a class can serve. */
    public int largestBlockSize() {
        return sizes[sizes.length - 1];
    }

    /** The registered name of the backend behind every class. */
    public String backend() {
        return backend;
    }

    public ExhaustionPolicy exhaustion() {
        return exhaustion;
    }

    public int samplingRate() {
        return samplingRate;
    }

    /** Bytes the classes' slabs reserve (blocks only, before alignment padding). */
    public long reservedBytes() {
        long sum = 0;
        for (SizeClass c : classes) {
            sum += c.reservedBytes();
        }
        return sum;
    }

    public SizeClassStats stats() {
        List<SizeClassStats.ClassStats> per = new ArrayList<>(pools.length);
        List<PoolStats> parts = new ArrayList<>(pools.length + 1);
        for (int i = 0; i < pools.length; i++) {
            PoolStats s = pools[i].stats();
            per.add(new SizeClassStats.ClassStats(classes.get(i), s));
            parts.add(s);
        }
        PoolStats over = oversize.stats();
        parts.add(over);
        return new SizeClassStats(per, over, SizeClassStats.sum(parts));
    }

    /** One report per class, smallest first, then the oversize blocks still out. */
    public List<LeakReport> leaks() {
        List<LeakReport> out = new ArrayList<>(pools.length + 1);
        for (BlockPool p : pools) {
            out.add(p.leaks());
        }
        out.add(oversize.leaks());
        return out;
    }

    /** Blocks handed out and not released, over every class and the oversize blocks. */
    public long outstanding() {
        long n = 0;
        for (LeakReport r : leaks()) {
            n += r.count();
        }
        return n;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every class (see {@link BlockPool#close()}); idempotent. */
    @Override
    public void close() {
        closed = true;
        for (BlockPool p : pools) {
            p.close();
        }
        oversize.close();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SizeClassPool '").append(backend).append("'@")
                .append(Integer.toHexString(System.identityHashCode(this))).append(" (");
        for (int i = 0; i < classes.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(classes.get(i));
        }
        return sb.append(')').toString();
    }

    /** Collects the classes and the settings every class shares; {@link #build()} checks them. */
    public static final class Builder {
        private final List<SizeClass> classes = new ArrayList<>();
        private String backend = Pools.DEFAULT_BACKEND;
        private MemoryKind memory = MemoryKind.DIRECT;
        private int alignment; // 0: the default for the memory kind
        private ExhaustionPolicy exhaustion = ExhaustionPolicy.fail();
        private boolean leakTracking;
        private int samplingRate = DEFAULT_SAMPLING_RATE;

        private Builder() {
        }

        /** The backend of every class, by its registered name (see {@link Pools#names()}). */
        public Builder backend(String backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Adds a class of {@code capacity} blocks of {@code blockSize} bytes; order does not matter. */
        public Builder sizeClass(int blockSize, int capacity) {
            classes.add(new SizeClass(blockSize, capacity));
            return this;
        }

        /** Adds every class of {@code list}, e.g. the advisor's recommendation. */
        public Builder classes(List<SizeClass> list) {
            list.forEach(c -> classes.add(Objects.requireNonNull(c, "size class")));
            return this;
        }

        public Builder memory(MemoryKind memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /** A power of two, as {@link BlockPoolConfig.Builder#alignment}; the default depends on the memory kind. */
        public Builder alignment(int alignment) {
            if (alignment <= 0) {
                throw new PoolConfigException("alignment must be a power of two > 0, got " + alignment);
            }
            this.alignment = alignment;
            return this;
        }

        public Builder exhaustion(ExhaustionPolicy exhaustion) {
            this.exhaustion = Objects.requireNonNull(exhaustion, "exhaustion");
            return this;
        }

        public Builder leakTracking(boolean leakTracking) {
            this.leakTracking = leakTracking;
            return this;
        }

        /** Record one acquire in this many (a power of two; 1 records every one) while a recording asks. */
        public Builder samplingRate(int samplingRate) {
            if (samplingRate <= 0 || Integer.bitCount(samplingRate) != 1) {
                throw new PoolConfigException("samplingRate must be a power of two >= 1, got " + samplingRate);
            }
            this.samplingRate = samplingRate;
            return this;
        }

        /**
         * Makes one pool per class through the backend.
         *
         * @throws PoolConfigException      no class, two classes of one size, or a class whose
         *                                  geometry {@link BlockPoolConfig.Builder#build()} refuses
         * @throws UnknownBackendException  if no backend has that name
         */
        public SizeClassPool build() {
            if (classes.isEmpty()) {
                throw new PoolConfigException("a SizeClassPool needs at least one size class; add one with"
                        + " sizeClass(blockSize, capacity)");
            }
            List<SizeClass> sorted = new ArrayList<>(classes);
            sorted.sort(Comparator.comparingInt(SizeClass::blockSize));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).blockSize() == sorted.get(i - 1).blockSize()) {
                    throw new PoolConfigException("two size classes of " + sorted.get(i).blockSize() + " B ("
                            + sorted.get(i - 1) + " and " + sorted.get(i) + "): give each size once, with the"
                            + " capacity of both");
                }
            }
            Pools.backend(backend); // fail on a bad name before any slab is allocated
            return new SizeClassPool(this, sorted);
        }
    }
}
