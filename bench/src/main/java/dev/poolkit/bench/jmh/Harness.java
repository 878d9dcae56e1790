package dev.poolkit.bench.jmh;

import java.util.List;

/**
 * The JVM every benchmark fork runs in, the same for every row: one heap, one named collector,
 * and worker threads that are Netty's {@code FastThreadLocalThread}s ({@link FastThreadLocalExecutor}).
 * The benchmarks' {@code @Fork} annotations list these constants (an annotation cannot take a
 * list), {@code compare} passes {@link #JVM_ARGS}, and {@code HarnessTest} checks that they agree.
 */
public final class Harness {
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";
    /** Named rather than left to ergonomics, so every fork runs on the same collector and the report can say which. */
    public static final String GC = "-XX:+UseG1GC";
    /** JMH's hook for its worker threads (read by JMH in the forked JVM). */
    public static final String EXECUTOR = "-Djmh.executor=CUSTOM";
    public static final String EXECUTOR_CLASS = "-Djmh.executor.class=dev.poolkit.bench.jmh.FastThreadLocalExecutor";

    public static final List<String> JVM_ARGS = List.of(HEAP_MIN, HEAP_MAX, GC, EXECUTOR, EXECUTOR_CLASS);

    private Harness() {
    }

    /**
     * For trials run inside this JVM (no fork, the smoke preset): the same worker threads. JMH reads
     * the properties once, when it first runs a benchmark here, so call this before that.
     */
    public static void useWorkerThreadsInThisJvm() {
        for (String arg : List.of(EXECUTOR, EXECUTOR_CLASS)) {
            int eq = arg.indexOf('=');
            System.setProperty(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }
}
