package dev.poolkit.echo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by every thread of this JVM since {@link #ProcessAllocation()}, from
 * {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes} (HotSpot, Java 14+, looked up
 * at run time). For {@link ThreadPerConnection}: a virtual thread's allocations are counted on the carrier
 * threads it ran on, which no per-thread figure names, so the server's figure is the whole JVM's
 * (its few other threads, the acceptor's among them, allocate next to nothing per message).
 */
final class ProcessAllocation {
    /** Null where the JVM cannot tell; the figure is then -1. */
    private static final MethodHandle TOTAL = total();

    private final long start = read();

    private static MethodHandle total() {
        try {
            Object bean = ManagementFactory.getThreadMXBean();
            Class<?> api = Class.forName("com.sun.management.ThreadMXBean");
            if (!api.isInstance(bean)) {
                return null;
            }
            if (!(boolean) api.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            if (!(boolean) api.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
                api.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            }
            return MethodHandles.publicLookup().findVirtual(api, "getTotalThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not HotSpot
        }
    }

    private static long read() {
        if (TOTAL == null) {
            return -1;
        }
        try {
            return (long) TOTAL.invokeExact();
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Bytes allocated since this meter was made, or -1 if unknown. */
    long bytes() {
        long now = read();
        return now < 0 || start < 0 ? -1 : now - start;
    }
}
