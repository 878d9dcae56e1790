package dev.poolkit.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a {@link BlockPool}: {@code capacity} blocks of {@code blockSize} bytes,
 * each starting on an {@code alignment} boundary, carved from one slab of {@link #slabBytes()}.
 * Built and validated by {@link #builder()}; an instance always describes a slab that can be
 * allocated.
 */
public final class BlockPoolConfig {
    /** A cache line on x86 and most ARM cores: blocks never share a line, so no false sharing. */
    public static final int DEFAULT_DIRECT_ALIGNMENT = 64;
    /** The seed article's pool size. */
    public static final int DEFAULT_CAPACITY = 1024;
    /** A page: the most common I/O buffer size, and the echo server's default. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    /** The largest alignment accepted: 1 GiB, the largest huge page. */
    public static final int MAX_ALIGNMENT = 1 << 30;
    /** A ByteBuffer is indexed by int, so one slab holds at most this many bytes. */
    public static final long MAX_SLAB_BYTES = Integer.MAX_VALUE;

    private final int blockSize;
    private final int capacity;
    private final int alignment;
    private final int stride;
    private final MemoryKind memory;
    private final ExhaustionPolicy exhaustion;
    private final boolean leakTracking;
    private final String jmxName;

    private BlockPoolConfig(Builder b, int alignment, int stride) {
        this.blockSize = b.blockSize;
        this.capacity = b.capacity;
        this.alignment = alignment;
        this.stride = stride;
        this.memory = b.memory;
        this.exhaustion = b.exhaustion;
        this.leakTracking = b.leakTracking;
        this.jmxName = b.jmxName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder().blockSize(blockSize).capacity(capacity).memory(memory)
                .exhaustion(exhaustion).leakTracking(leakTracking);
        b.jmxName = jmxName;
        return b.alignment(alignment);
    }

    /** Usable bytes per block: the limit of every {@link Block#buffer()}. */
    public int blockSize() {
        return blockSize;
    }

    /** Number of blocks in the slab. */
    public int capacity() {
        return capacity;
    }

    /** Every block's first byte sits at an address that is a multiple of this (a power of two). */
    public int alignment() {
        return alignment;
    }

    /** Distance between the starts of two neighbouring blocks: blockSize rounded up to alignment. */
    public int stride() {
        return stride;
    }

    /** Bytes the slab reserves for the blocks (capacity x stride), not counting alignment padding. */
    public long slabBytes() {
        return (long) capacity * stride;
    }

    public MemoryKind memory() {
        return memory;
    }

    public ExhaustionPolicy exhaustion() {
        return exhaustion;
    }

    /**
     * Whether each acquire records its stack, so {@link BlockPool#leaks()} can say where an
     * outstanding block was taken. Costs one stack capture per acquire: for debugging.
     */
    public boolean leakTracking() {
        return leakTracking;
    }

    /**
     * The name under which the pool registers a {@link BlockPoolMXBean} on the platform MBean
     * server ({@code dev.poolkit:type=BlockPool,name=NAME}), or empty for none (the default).
     */
    public Optional<String> jmxName() {
        return Optional.ofNullable(jmxName);
    }

    @Override
    public String toString() {
        return "BlockPoolConfig{blockSize=" + blockSize + ", capacity=" + capacity + ", alignment=" + alignment
                + ", stride=" + stride + ", memory=" + memory + ", exhaustion=" + exhaustion
                + ", leakTracking=" + leakTracking + (jmxName == null ? "" : ", jmxName=" + jmxName) + '}';
    }

    /** Collects settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private int capacity = DEFAULT_CAPACITY;
        private int alignment;
        private boolean alignmentSet; // unset: the default for the memory kind
        private MemoryKind memory = MemoryKind.DIRECT;
        private ExhaustionPolicy exhaustion = ExhaustionPolicy.fail();
        private boolean leakTracking;
        private String jmxName;

        private Builder() {
        }

        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * A power of two. Defaults to {@value #DEFAULT_DIRECT_ALIGNMENT} for direct memory and to
         * {@link MemoryKind#maxHeapAlignment()} for heap memory.
         */
        public Builder alignment(int alignment) {
            this.alignment = alignment;
            this.alignmentSet = true;
            return this;
        }

        public Builder memory(MemoryKind memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
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

        /**
         * Registers the pool's statistics and settings as a {@link BlockPoolMXBean} called
         * {@code dev.poolkit:type=BlockPool,name=NAME} on the platform MBean server, from
         * construction until {@link BlockPool#close()}. Off unless set. A name may be used by one
         * open pool at a time.
         */
        public Builder jmxName(String name) {
            this.jmxName = JmxNames.check(name);
            return this;
        }

        /** @throws PoolConfigException naming the first bad setting, its value and the accepted range */
        public BlockPoolConfig build() {
            if (blockSize <= 0) {
                throw new PoolConfigException("blockSize must be > 0 bytes, got " + blockSize);
            }
            if (capacity <= 0) {
                throw new PoolConfigException("capacity must be > 0 blocks, got " + capacity);
            }
            int align = alignmentSet ? alignment
                    : memory == MemoryKind.DIRECT ? DEFAULT_DIRECT_ALIGNMENT : MemoryKind.maxHeapAlignment();
            if (align <= 0 || Integer.bitCount(align) != 1 || align > MAX_ALIGNMENT) {
                throw new PoolConfigException("alignment must be a power of two from 1 to " + MAX_ALIGNMENT
                        + ", got " + align);
            }
            if (memory == MemoryKind.HEAP && align > MemoryKind.maxHeapAlignment()) {
                throw new PoolConfigException("alignment " + align + " cannot be promised for a HEAP slab: the"
                        + " garbage collector may move it, and the JVM keeps at most "
                        + MemoryKind.maxHeapAlignment() + "-byte alignment stable. Use MemoryKind.DIRECT, or an"
                        + " alignment from 1 to " + MemoryKind.maxHeapAlignment());
            }
            long stride = ((long) blockSize + align - 1) & -(long) align;
            long slab = stride * capacity;
            // The slab is a multiple of align; the largest such that fits is 2^31 - align, and it
            // still fits with its align - 1 bytes of padding, so checking the slab is enough.
            if (slab > MAX_SLAB_BYTES) {
                throw new PoolConfigException("capacity " + capacity + " x stride " + stride + " (blockSize "
                        + blockSize + " rounded up to alignment " + align + ") = " + slab + " bytes does not fit"
                        + " one slab (at most " + MAX_SLAB_BYTES + " bytes); lower capacity or blockSize, or split"
                        + " into several pools");
            }
            return new BlockPoolConfig(this, align, (int) stride);
        }
    }
}
