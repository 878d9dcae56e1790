package dev.poolkit.jctools;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts the heap bytes the calling thread allocates, through HotSpot's per-thread TLAB accounting. */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Measured runs after the warm-up; the least of them is reported. */
    private static final int RUNS = 3;

    /**
     * Bytes allocated by this thread while {@code task} ran: the least over {@link #RUNS} runs,
     * after one run to warm up. A one-off event inside a run (a late compilation or a
     * deoptimization, which re-creates scalar-replaced objects on the heap) adds a few kilobytes
     * to that run only; an allocation per operation shows in every run, so the least still has it.
     */
    static long bytesAllocatedBy(Runnable task) {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).as("per-thread allocation counting").isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        task.run(); // class loading, thread-local set-up, JIT: none of it is per-operation cost
        long least = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            task.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
