package dev.poolkit.jctools;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts the heap bytes the calling thread allocates, through HotSpot's per-thread TLAB accounting. */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Bytes allocated by this thread while {@code task} ran (after running it once to warm up). */
    static long bytesAllocatedBy(Runnable task) {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).as("per-thread allocation counting").isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        task.run(); // class loading, thread-local set-up, JIT: none of it is per-operation cost
        long before = THREADS.getCurrentThreadAllocatedBytes();
        task.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
