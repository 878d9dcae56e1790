package dev.poolkit.vtbench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * The virtual-thread scenario for one subject, in a JVM of its own (so its calls stay monomorphic
 * and its heap holds nothing of another subject). Prints one JSON object per line: the JVM, then
 * every measurement of every round; the bench's {@code vt} command turns them into medians,
 * intervals and verdicts.
 *
 * <pre>
 * java -jar vt-scenario.jar SUBJECT time ROUNDS PAIRS THREADS[,THREADS...] PLATFORM_PAIRS
 * java -jar vt-scenario.jar SUBJECT memory ROUNDS PAIRS THREADS[,THREADS...]
 * </pre>
 *
 * <ul>
 *   <li>{@code time}: per round and thread count N, N virtual threads that each run an empty
 *       task and N that each do PAIRS pairs on the one shared pool (in alternating order from
 *       round to round): the wall time to start and join them, and the sum of the windows each
 *       thread timed around its pairs (or around nothing); then PLATFORM_PAIRS pairs in a loop on
 *       this platform thread; then a quarter as many pairs shared among as many platform threads
 *       as there are carriers, started together, each timing its own: the same contention between
 *       cores as the virtual threads meet, without virtual threads. Warm-up rounds first, not
 *       printed.</li>
 *   <li>{@code memory}: per round a fresh pool, used once; heap used after a full collection,
 *       then again after each THREADS count of virtual threads (cumulative: 1000,100000 means
 *       1,000, then 99,000 more) have done PAIRS pairs each and ended.</li>
 * </ul>
 *
 * Exit 2 with a message on a JVM below Java 21.
 */
public final class VtScenario {
    private static final int WARMUP_ROUNDS = 3;
    /** The shared platform pair runs this fraction of PLATFORM_PAIRS: contended pairs cost many times more. */
    private static final int SHARED_FRACTION = 4;
    /** Full collections before each heap reading: the second and third find what the first's finalisation freed. */
    private static final int GCS_PER_READING = 3;

    private static volatile int sink;

    private VtScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 21) {
            System.err.println("vt-scenario needs Java 21 or later (virtual threads); this JVM is Java "
                    + Runtime.version() + " (" + System.getProperty("java.home") + ")");
            System.exit(2);
        }
        if (args.length < 5) {
            System.err.println("usage: SUBJECT time|memory ROUNDS PAIRS THREADS[,THREADS...] [PLATFORM_PAIRS]");
            System.exit(2);
        }
        String name = args[0];
        String mode = args[1];
        int rounds = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        List<Integer> counts = new ArrayList<>();
        for (String c : args[4].split(",")) {
            counts.add(Integer.parseInt(c.strip()));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"kind\":\"jvm\",\"subject\":\"%s\",\"version\":\"%s\",\"vm\":\"%s\",\"cpus\":%d,"
                        + "\"carriers\":%d,\"jvmArgs\":\"%s\"}",
                name, Runtime.version(), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), carriers(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()).replace("\"", "'")));
        if (mode.equals("time")) {
            time(name, rounds, pairs, counts, Long.parseLong(args[5]));
        } else if (mode.equals("memory")) {
            memory(name, rounds, pairs, counts);
        } else {
            throw new IllegalArgumentException("mode must be time or memory, got " + mode);
        }
    }

    private static void time(String name, int rounds, int pairs, List<Integer> counts, long platformPairs)
            throws InterruptedException {
        Subject subject = Subject.of(name);
        Work empty = new Work(subject, 0); // the same start, clock reads, run and end, without the pool
        Work work = new Work(subject, pairs);
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            for (int n : counts) {
                long emptyNanos;
                long workNanos;
                if ((r & 1) == 0) {
                    emptyNanos = empty.run(n);
                    workNanos = work.run(n);
                } else {
                    workNanos = work.run(n);
                    emptyNanos = empty.run(n);
                }
                if (r >= 0) {
                    System.out.println(String.format(Locale.ROOT, "{\"kind\":\"virtual\",\"round\":%d,\"threads\":%d,"
                            + "\"pairs\":%d,\"emptyNanos\":%d,\"workNanos\":%d,\"emptyInTaskNanos\":%d,"
                            + "\"workInTaskNanos\":%d}", r, n, pairs, emptyNanos, workNanos, empty.inTask, work.inTask));
                }
            }
            long t0 = System.nanoTime();
            int s = 0;
            for (long i = 0; i < platformPairs; i++) {
                s += subject.pair();
            }
            long platformNanos = System.nanoTime() - t0;
            sink = s;
            if (r >= 0) {
                System.out.println(String.format(Locale.ROOT, "{\"kind\":\"platform\",\"round\":%d,\"pairs\":%d,"
                        + "\"nanos\":%d}", r, platformPairs, platformNanos));
            }
            int sharers = carriers();
            int each = (int) Math.max(1, Math.min(Integer.MAX_VALUE, platformPairs / SHARED_FRACTION / sharers));
            Work shared = new Work(subject, each);
            shared.runOn(Thread::new, sharers);
            if (r >= 0) {
                System.out.println(String.format(Locale.ROOT, "{\"kind\":\"platformShared\",\"round\":%d,"
                        + "\"threads\":%d,\"pairs\":%d,\"inTaskNanos\":%d}", r, sharers, each, shared.inTask));
            }
        }
        subject.close();
    }

    /**
     * {@code n} virtual threads doing {@code pairs} pairs each. Besides the wall time, each thread
     * times its own pairs; the bench judges the sum of those windows (over the empty tasks'), since
     * the wall time of the empty tasks alone varies from round to round by more than the pairs
     * cost. A thread that parks in the pool (waiting for a lock) keeps its window open while
     * others run, so the sum then overstates; the bench says so.
     */
    private static final class Work {
        private final Subject subject;
        private final int pairs;
        /** The last run's sum of the threads' windows, and its wall time to start and join them. */
        long inTask;
        long wall;

        Work(Subject subject, int pairs) {
            this.subject = subject;
            this.pairs = pairs;
        }

        /** Starts {@code n} virtual threads and waits for all: the wall time ({@link #inTask} holds the windows' sum). */
        long run(int n) throws InterruptedException {
            runOn(VirtualThreads.factory(), n);
            return wall;
        }

        /** The same on {@code n} threads made by {@code f}, all started behind one gate; sets {@link #inTask} and {@link #wall}. */
        void runOn(ThreadFactory f, int n) throws InterruptedException {
            long[] windows = new long[n];
            Thread[] threads = new Thread[n];
            CountDownLatch gate = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int slot = i;
                threads[i] = f.newThread(() -> {
                    awaitUninterruptibly(gate);
                    long start = System.nanoTime();
                    int s = 0;
                    for (int p = 0; p < pairs; p++) {
                        s += subject.pair();
                    }
                    windows[slot] = System.nanoTime() - start;
                    sink = s;
                });
                threads[i].start();
            }
            long t0 = System.nanoTime();
            gate.countDown();
            for (Thread t : threads) {
                t.join(); // join's happens-before edge makes every window visible here
            }
            wall = System.nanoTime() - t0;
            long sum = 0;
            for (long w : windows) {
                sum += w;
            }
            inTask = sum;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch gate) {
        while (true) {
            try {
                gate.await();
                return;
            } catch (InterruptedException e) {
                // nobody interrupts these threads; wait on
            }
        }
    }

    private static void memory(String name, int rounds, int pairs, List<Integer> counts) throws InterruptedException {
        for (int r = -1; r < rounds; r++) { // round -1 warms the code up
            Subject subject = Subject.of(name);
            Runnable work = () -> {
                int s = 0;
                for (int i = 0; i < pairs; i++) {
                    s += subject.pair();
                }
                sink = s;
            };
            runThreads(1, work); // the pool's own start-up state, made before the baseline
            long base = heapAfterGc();
            int done = 0;
            for (int n : counts) {
                runThreads(n - done, work);
                done = n;
                long used = heapAfterGc();
                if (r >= 0) {
                    System.out.println(String.format(Locale.ROOT, "{\"kind\":\"memory\",\"round\":%d,\"threads\":%d,"
                            + "\"retainedBytes\":%d}", r, n, used - base));
                }
            }
            subject.close();
        }
    }

    /** The virtual threads' carrier threads: the scheduler's parallelism (by default the CPUs). */
    private static int carriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@code n} virtual threads running {@code task} and waits for every one to end: the wall time. */
    private static long runThreads(int n, Runnable task) throws InterruptedException {
        ThreadFactory f = VirtualThreads.factory();
        Thread[] threads = new Thread[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            threads[i] = f.newThread(task);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return System.nanoTime() - t0;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < GCS_PER_READING; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code Thread.ofVirtual().factory()}, looked up at run time (this code is compiled for Java 17). */
    static final class VirtualThreads {
        private static final MethodHandle FACTORY = lookup();

        private static MethodHandle lookup() {
            try {
                Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                MethodHandle of = l.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
                MethodHandle factory = l.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
                return MethodHandles.filterReturnValue(of, factory.asType(MethodType.methodType(ThreadFactory.class,
                        ofVirtual)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads need Java 21 or later", e);
            }
        }

        static ThreadFactory factory() {
            try {
                return (ThreadFactory) FACTORY.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
