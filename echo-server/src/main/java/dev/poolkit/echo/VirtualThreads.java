package dev.poolkit.echo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads from code compiled for Java 17: {@code Thread.ofVirtual()} looked up once, so
 * the server builds and runs on 17 and gains the {@link IoModel#VIRTUAL_THREADS} model on 21+.
 */
final class VirtualThreads {
    /** {@code Thread.ofVirtual()}, or null before Java 21. */
    private static final MethodHandle OF_VIRTUAL = ofVirtual();

    private VirtualThreads() {
    }

    private static MethodHandle ofVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static boolean available() {
        return OF_VIRTUAL != null;
    }

    /**
     * A factory of unstarted virtual threads named {@code prefix0}, {@code prefix1}, ...
     *
     * @throws IllegalStateException before Java 21 (check {@link #available()} first)
     */
    static ThreadFactory factory(String prefix) {
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is Java " + Runtime.version());
        }
        try {
            Class<?> api = Class.forName("java.lang.Thread$Builder"); // the public interface, not the hidden class
            Object builder = OF_VIRTUAL.invoke();
            builder = api.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            return (ThreadFactory) api.getMethod("factory").invoke(builder);
        } catch (Throwable e) {
            throw new IllegalStateException("could not make a virtual-thread factory", e);
        }
    }
}
