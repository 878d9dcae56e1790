package dev.poolkit.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** What the pools need to know about the calling thread, on any Java from 17 on. */
public final class Threads {
    /** {@code Thread.isVirtual()} (Java 21+), or null on a Java that has no virtual threads. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private Threads() {
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before Java 21: every thread is a platform thread
        }
    }

    /**
     * Whether {@code t} is a virtual thread: a pool keeps no state of its own for those, since there
     * may be millions and each lives for one task. A constant handle, so the JIT inlines the check.
     */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }
}
