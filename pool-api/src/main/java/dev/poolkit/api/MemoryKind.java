package dev.poolkit.api;

/** Where a {@link BlockPool}'s slab lives. */
public enum MemoryKind {
    /**
     * Off-heap ({@code ByteBuffer.allocateDirect}): the address is fixed, so blocks can be aligned
     * to any power of two, and channel I/O needs no extra copy. The default.
     */
    DIRECT,
    /**
     * On the Java heap ({@code ByteBuffer.allocate}). The garbage collector may move the array, so
     * only alignments the JVM keeps stable across moves (at most {@value #MAX_HEAP_ALIGNMENT}
     * bytes) can be promised; larger alignments are rejected by the builder.
     */
    HEAP;

    /** The largest alignment a heap slab can promise (the JDK's limit for non-direct buffers). */
    public static final int MAX_HEAP_ALIGNMENT = 8;
}
