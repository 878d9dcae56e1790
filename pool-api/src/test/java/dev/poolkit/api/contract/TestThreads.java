package dev.poolkit.api.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;

/**
 * Threads for contract tests: started, joined, and their failures rethrown. Raw threads rather
 * than an executor because joining proves the thread is dead, which is what backends with
 * per-thread caches key on to take those caches back.
 *
 * <p>Platform threads by default; virtual threads when the test JVM runs with
 * {@code -Dpoolkit.test.threads=virtual} (Java 21 or later), so that every contract test also
 * holds on virtual threads.
 */
public final class TestThreads {
    /** Safety net only: a correct test finishes long before; a hung one fails instead of hanging CI. */
    public static final Duration SAFETY_NET = Duration.ofSeconds(60);
    /** The kind of thread the tests run on: {@code platform} (default) or {@code virtual}. */
    public static final String KIND = System.getProperty("poolkit.test.threads", "platform");
    /** {@code Thread.ofVirtual()}, or null before Java 21. */
    private static final java.lang.invoke.MethodHandle OF_VIRTUAL = ofVirtual();
    private static final boolean VIRTUAL = virtualKind();

    private static java.lang.invoke.MethodHandle ofVirtual() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    java.lang.invoke.MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static boolean virtualKind() {
        switch (KIND) {
            case "platform":
                return false;
            case "virtual":
                if (OF_VIRTUAL == null) {
                    throw new IllegalStateException("-Dpoolkit.test.threads=virtual needs Java 21 or later; this is Java "
                            + Runtime.version());
                }
                return true;
            default:
                throw new IllegalStateException("poolkit.test.threads must be platform or virtual, got " + KIND);
        }
    }

    /** An unstarted thread of the configured kind. */
    public static Thread newThread(Runnable task, String name) {
        return VIRTUAL ? newVirtualThread(task, name) : new Thread(task, name);
    }

    /** Whether this JVM has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    /** An unstarted virtual thread; only where {@link #virtualThreadsAvailable()}. */
    public static Thread newVirtualThread(Runnable task, String name) {
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is Java " + Runtime.version());
        }
        try {
            Class<?> api = Class.forName("java.lang.Thread$Builder"); // the public interface, not the hidden class
            Object builder = OF_VIRTUAL.invoke();
            builder = api.getMethod("name", String.class).invoke(builder, name);
            return (Thread) api.getMethod("unstarted", Runnable.class).invoke(builder, task);
        } catch (Throwable e) {
            throw new IllegalStateException("could not make a virtual thread", e);
        }
    }

    /** Whether the tests run on virtual threads. */
    public static boolean virtual() {
        return VIRTUAL;
    }

    private TestThreads() {
    }

    /** Runs {@code task(i)} for i in 0..n-1 on n threads at once, joins them, rethrows the first failure. */
    public static void runAll(int n, IntConsumer task) {
        List<Thread> threads = new ArrayList<>(n);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = newThread(() -> task.accept(id), "contract-worker-" + i);
            t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            join(t);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a worker thread failed", failures.peek());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    /**
     * Runs {@code task} on one new platform thread, whatever {@link #KIND}, and waits for it to
     * die: for tests of what a backend does for platform threads (their caches).
     */
    public static void runOnPlatformThread(Runnable task) {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(task, "platform-worker");
        t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
        t.start();
        join(t);
        if (failure.get() != null) {
            throw new AssertionError("the platform worker failed", failure.get());
        }
    }

    /** Runs {@code task} on one new thread and waits for it to die. */
    public static void runOnOtherThread(Runnable task) {
        runAll(1, i -> task.run());
    }

    public static void join(Thread t) {
        try {
            t.join(SAFETY_NET.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + t.getName(), e);
        }
        if (t.isAlive()) {
            throw new AssertionError(t.getName() + " still running after the safety net of " + SAFETY_NET
                    + "; stack: " + java.util.Arrays.toString(t.getStackTrace()));
        }
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING): observable state, no sleeping. */
    public static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + SAFETY_NET.toNanos();
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(t.getName() + " ended instead of waiting");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t.getName() + " did not park within " + SAFETY_NET + " (state " + s + ")");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Waits until {@code t} is parked, or has passed the point where it counts {@code progress}
     * down (for a thread that may or may not have to wait, depending on the backend).
     */
    public static void awaitParkedOrDone(Thread t, java.util.concurrent.CountDownLatch progress) {
        long deadline = System.nanoTime() + SAFETY_NET.toNanos();
        long before = progress.getCount();
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED
                    || progress.getCount() < before) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t.getName() + " neither parked nor went on within " + SAFETY_NET);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * One step of a wait for another thread: spin first (the other is likely running on another
     * core), then yield (it may be waiting for this core, on a busy machine), then park for a
     * moment. The park is for virtual threads: a yielding virtual thread goes back to its carrier's
     * own queue, so two that spin on both carriers can keep running each other's turns while the
     * thread they wait for sits in the scheduler's shared queue (MpmcRingTest hung so, one run in
     * six, on Temurin 25). A parked one leaves the queues until its timer fires.
     */
    public static void spinOrYield(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else if (spins < 200) {
            Thread.yield();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }

    /**
     * For a loop whose end depends on another thread (one that closes the pool, or workers this
     * loop watches): on virtual threads, parks for a moment once every 64 calls. A virtual thread
     * is never preempted, so on a 2-core machine two loops that never block keep both carriers,
     * and the thread they wait for (the closer, a worker) never runs: the hang this prevents
     * showed as two workers busy in their pairs and the rest, the closer among them, never
     * started. A parked virtual thread leaves its carrier to the scheduler's queue until its timer
     * fires. Nothing on platform threads, which the OS preempts.
     */
    public static void letOthersRun(long iteration) {
        if (VIRTUAL && (iteration & 63) == 63) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
    }

    /** Waits for {@code latch}, failing the test if the safety net runs out first. */
    public static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(SAFETY_NET.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("latch not released within the safety net of " + SAFETY_NET);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Puts {@code e} into a bounded queue, waiting for room; fails the test if none comes within the safety net. */
    public static <E> void put(java.util.concurrent.BlockingQueue<E> q, E e) {
        try {
            if (!q.offer(e, SAFETY_NET.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no room in the queue within the safety net of " + SAFETY_NET);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ie);
        }
    }

    /**
     * Takes from a queue, or returns null after a short look: for consumers that must also notice
     * that the others have taken everything (the caller re-checks its own exit condition).
     */
    public static <E> E poll(java.util.concurrent.BlockingQueue<E> q) {
        try {
            return q.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ie);
        }
    }

    /** A system property as a positive int, for sizes CI may lower and a soak may raise. */
    public static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n = Integer.parseInt(v.strip());
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + n);
        }
        return n;
    }
}
