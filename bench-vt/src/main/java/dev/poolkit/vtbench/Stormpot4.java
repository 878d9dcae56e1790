package dev.poolkit.vtbench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Stormpot 4.0 ({@code Pool.of(objects...)}, {@code getVirtualThreadSafeTap()}) through method
 * handles: its class files are Java 21's, which a Java 17 compiler cannot read, and this module is
 * compiled for 17. The handles are static finals and the calls exact, so after warm-up the JIT
 * calls Stormpot directly, as compiled code would.
 */
final class Stormpot4 {
    private static final MethodHandle OF;
    private static final MethodHandle VT_TAP;
    private static final MethodHandle NEW_TIMEOUT;
    private static final MethodHandle CLAIM;
    private static final MethodHandle RELEASE;
    private static final MethodHandle OBJECT;
    private static final MethodHandle SHUTDOWN;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> pool = Class.forName("stormpot.Pool");
            Class<?> tap = Class.forName("stormpot.PoolTap");
            Class<?> poolable = Class.forName("stormpot.Poolable");
            Class<?> timeout = Class.forName("stormpot.Timeout");
            OF = l.findStatic(pool, "of", MethodType.methodType(pool, Object[].class))
                    .asType(MethodType.methodType(Object.class, Object[].class));
            VT_TAP = l.findVirtual(pool, "getVirtualThreadSafeTap", MethodType.methodType(tap))
                    .asType(MethodType.methodType(Object.class, Object.class));
            NEW_TIMEOUT = l.findConstructor(timeout, MethodType.methodType(void.class, long.class, TimeUnit.class))
                    .asType(MethodType.methodType(Object.class, long.class, TimeUnit.class));
            CLAIM = l.findVirtual(tap, "claim", MethodType.methodType(poolable, timeout))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            RELEASE = l.findVirtual(poolable, "release", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            OBJECT = l.findGetter(Class.forName("stormpot.Pooled"), "object", Object.class)
                    .asType(MethodType.methodType(Object.class, Object.class));
            SHUTDOWN = l.findVirtual(pool, "shutdown", MethodType.methodType(Class.forName("stormpot.Completion")))
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Stormpot 4 is not usable here (it needs Java 21+): " + e, e);
        }
    }

    private final Object pool;
    private final Object tap;
    private final Object timeout;

    Stormpot4(int capacity, int blockSize) {
        Object[] buffers = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            buffers[i] = ByteBuffer.allocateDirect(blockSize);
        }
        try {
            pool = (Object) OF.invokeExact(buffers);
            tap = (Object) VT_TAP.invokeExact(pool);
            // A claim never waits this long in a scenario sized so that it never runs dry.
            timeout = (Object) NEW_TIMEOUT.invokeExact(1L, TimeUnit.SECONDS);
        } catch (Throwable e) {
            throw new IllegalStateException("could not build the Stormpot 4 pool", e);
        }
    }

    Object claim() {
        Object p;
        try {
            p = (Object) CLAIM.invokeExact(tap, timeout);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // InterruptedException: nobody interrupts the scenario's threads
            throw new IllegalStateException(e);
        }
        if (p == null) {
            throw new IllegalStateException("Stormpot claim timed out: the scenario is sized wrong");
        }
        return p;
    }

    ByteBuffer object(Object pooled) {
        try {
            return (ByteBuffer) (Object) OBJECT.invokeExact(pooled);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void release(Object pooled) {
        try {
            RELEASE.invokeExact(pooled);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void shutdown() {
        try {
            Object completion = (Object) SHUTDOWN.invokeExact(pool);
            assert completion != null; // nothing to wait for: the scenario has released every object
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
