package dev.poolkit.echo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What {@link EchoServer#shutdown()} found: the final figures, whether every buffer came back, and
 * whether the server stopped because a part of it failed.
 *
 * @param stats          the figures after every connection was closed
 * @param leakedBlocks   buffers still out of the pool once nothing should hold one: a bug (a leak)
 * @param leakReport     the pool's description of them (with acquire sites under leak tracking)
 * @param failure        why the server stopped itself (an event loop beyond replacing, the
 *                       acceptor, the buffer broker), or null after an ordinary shutdown
 */
public record ShutdownReport(EchoStats stats, long leakedBlocks, String leakReport, String failure) {
    /** Exit status of a clean shutdown. */
    public static final int EXIT_OK = 0;
    /** Exit status when a buffer was still out of the pool at shutdown. */
    public static final int EXIT_LEAK = 3;
    /** Exit status when the server stopped itself because a part of it failed beyond recovery. */
    public static final int EXIT_FAILED = 4;

    public boolean leaked() {
        return leakedBlocks != 0;
    }

    public boolean failed() {
        return failure != null;
    }

    /** {@link #EXIT_FAILED} over {@link #EXIT_LEAK}: a failure is the cause, a leak at most its consequence. */
    public int exitCode() {
        return failed() ? EXIT_FAILED : leaked() ? EXIT_LEAK : EXIT_OK;
    }

    /**
     * The final figures as one JSON object: {@link EchoStats#toJson()}'s fields plus
     * {@code leakedBlocks}, {@code failure} (null if none), and this JVM's garbage collections so
     * far, all collectors summed ({@code gcCount}, {@code gcTimeMs}): what a pool saves besides
     * allocation, read by the bench's compare report; and the direct memory NIO buffers hold
     * ({@code directMemoryBytes}).
     */
    public String toJson() {
        long gcCount = 0;
        long gcTimeMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount()); // -1 means "undefined" for this collector
            gcTimeMs += Math.max(0, gc.getCollectionTime());
        }
        return stats.fields(new Json()).field("leakedBlocks", leakedBlocks).field("failure", failure)
                .field("gcCount", gcCount).field("gcTimeMs", gcTimeMs)
                .field("directMemoryBytes", directMemoryBytes()).toString();
    }

    /** Direct memory held by NIO buffers now (the pool's slab, the JDK's temporary buffers): BufferPoolMXBean "direct". */
    static long directMemoryBytes() {
        long used = 0;
        for (java.lang.management.BufferPoolMXBean b
                : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                used += Math.max(0, b.getMemoryUsed());
            }
        }
        return used;
    }
}
