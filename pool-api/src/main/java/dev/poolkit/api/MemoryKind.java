package dev.poolkit.api;

import java.nio.ByteBuffer;

/** Where a {@link BlockPool}'s slab lives. */
public enum MemoryKind {
    /**
     * Off-heap ({@code ByteBuffer.allocateDirect}): the address is fixed, so blocks can be aligned
     * to any power of two, and channel I/O needs no extra copy. The default.
     */
    DIRECT,
    /**
     * On the Java heap ({@code ByteBuffer.allocate}). The garbage collector may move the array, so
     * only alignments the running JVM keeps stable across moves can be promised
     * ({@link #maxHeapAlignment()}: 8 bytes on Java 17, 1 on Java 25); larger alignments are
     * rejected by the builder.
     */
    HEAP;

    /**
     * The largest alignment a heap slab can promise on this JVM: the largest unit size for which
     * {@link ByteBuffer#alignmentOffset} works on a heap buffer, which the JDK allows only where the
     * collector keeps it stable (8 on Java 17; on Java 25 only 1, i.e. none).
     */
    public static int maxHeapAlignment() {
        return HeapAlignment.MAX;
    }

    /** Probed once: the JDK says by throwing which unit sizes it cannot keep stable for heap buffers. */
    private static final class HeapAlignment {
        static final int MAX = probe();

        private static int probe() {
            ByteBuffer heap = ByteBuffer.allocate(16);
            int max = 1;
            for (int unit = 2; unit <= 8; unit <<= 1) {
                try {
                    heap.alignmentOffset(0, unit);
                    max = unit;
                } catch (UnsupportedOperationException e) {
                    break;
                }
            }
            return max;
        }
    }
}
