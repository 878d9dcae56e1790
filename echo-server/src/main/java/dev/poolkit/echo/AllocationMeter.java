package dev.poolkit.echo;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap by one thread since {@link #start()}, from HotSpot's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). Read by
 * any thread while the measured thread runs, and frozen by {@link #stop()} before it ends (a dead
 * thread has no counter any more).
 */
final class AllocationMeter {
    /** Null when the JVM cannot count per-thread allocation; the figure is then reported as unknown (-1). */
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private volatile long threadId = -1;
    private volatile long startBytes;
    private volatile long finalBytes = -1;

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            if (bean.isThreadAllocatedMemorySupported()) {
                if (!bean.isThreadAllocatedMemoryEnabled()) {
                    bean.setThreadAllocatedMemoryEnabled(true);
                }
                return bean;
            }
        }
        return null;
    }

    /** Starts counting the calling thread. */
    void start() {
        if (THREADS != null) {
            startBytes = THREADS.getCurrentThreadAllocatedBytes();
            threadId = Thread.currentThread().getId(); // written last: a reader that sees it sees startBytes
        }
    }

    /** Freezes the figure; called by the measured thread as it stops. */
    void stop() {
        if (THREADS != null && threadId >= 0) {
            finalBytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        }
    }

    /** Bytes allocated since start, or -1 if unknown. */
    long bytes() {
        long frozen = finalBytes;
        if (frozen >= 0) {
            return frozen;
        }
        long id = threadId;
        if (THREADS == null || id < 0) {
            return THREADS == null ? -1 : 0;
        }
        long now = THREADS.getThreadAllocatedBytes(id);
        return now < 0 ? finalBytes : now - startBytes; // < 0: the thread ended between the two reads
    }
}
