package dev.poolkit.echo;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The server's event loops, one per slot, and their supervisor: a loop that dies is replaced in
 * its slot by a fresh one (new selector, new thread), unless the failure is fatal to the JVM
 * ({@link VirtualMachineError}, {@link LinkageError}) or loops fail too often, and then the server
 * stops with {@link ShutdownReport#EXIT_FAILED}. Either way a failure is loud, never a loop that
 * quietly serves nothing. Ended loops are kept so that their counters still add up.
 */
final class Loops implements LoopSupervisor, Intake {
    private static final System.Logger LOG = System.getLogger(Loops.class.getName());
    /**
     * Loop failures within {@link #FAILURE_WINDOW_NANOS} that the server survives; one more and it
     * stops. Failures that frequent are a bug or a broken machine, and replacing loops in a hot
     * cycle would only limp.
     */
    static final int FAILURES_TOLERATED = 3;
    private static final long FAILURE_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Makes the loop of a slot; the name tells its generation apart. */
    interface Factory {
        EventLoop create(int index, String threadName, LoopSupervisor supervisor) throws IOException;
    }

    private final AtomicReferenceArray<EventLoop> live;
    private final Factory factory;
    private final ServerFailure server;
    private final String namePrefix;
    private final List<EventLoop> ended = new ArrayList<>(); // guarded by this
    /** When the last FAILURES_TOLERATED failures happened; slot k % length holds failure k's. */
    private final long[] recentFailures = new long[FAILURES_TOLERATED]; // guarded by this
    private long failures; // guarded by this
    private int generations; // guarded by this
    private boolean stopping; // guarded by this
    private boolean draining; // guarded by this
    /** Round-robin position; the acceptor's thread only. */
    private int next;

    /** Creates every loop (none started); on failure closes those made and rethrows. */
    Loops(int count, String namePrefix, Factory factory, ServerFailure server) throws IOException {
        this.live = new AtomicReferenceArray<>(count);
        this.factory = factory;
        this.server = server;
        this.namePrefix = namePrefix;
        for (int i = 0; i < count; i++) {
            try {
                live.set(i, factory.create(i, namePrefix + i, this));
            } catch (IOException | RuntimeException e) { // no selector (out of file descriptors): give back those opened
                for (int j = 0; j < i; j++) {
                    live.get(j).closeUnstarted();
                }
                throw e;
            }
        }
    }

    int size() {
        return live.length();
    }

    void startAll() {
        for (int i = 0; i < live.length(); i++) {
            live.get(i).start();
        }
    }

    void closeUnstarted() {
        for (int i = 0; i < live.length(); i++) {
            live.get(i).closeUnstarted();
        }
    }

    /** The next loop, round-robin (acceptor thread). */
    EventLoop next() {
        EventLoop loop = live.get(next);
        next = next + 1 == live.length() ? 0 : next + 1;
        return loop;
    }

    /** Deals {@code ch} to the next live loop, round-robin (acceptor thread). */
    @Override
    public boolean take(SocketChannel ch) {
        for (int tries = size(); tries > 0; tries--) {
            if (next().register(ch)) {
                return true;
            }
        }
        return false; // every loop has ended
    }

    @Override
    public EventLoop failed(EventLoop loop, Throwable failure) {
        String name = loop.toString();
        try {
            synchronized (this) {
                ended.add(loop);
                failures++;
                long t = System.nanoTime();
                int slot = (int) (failures % recentFailures.length);
                long oldest = recentFailures[slot]; // failure number (failures - FAILURES_TOLERATED)
                recentFailures[slot] = t;
                if (stopping) {
                    return null;
                }
                if (failure instanceof VirtualMachineError || failure instanceof LinkageError) {
                    server.fail("event loop " + name + " died of " + failure + ", which leaves the JVM itself in"
                            + " doubt (out of memory? then give it more with -Xmx, or lower --max-connections)", failure);
                    return null;
                }
                if (failures > FAILURES_TOLERATED && t - oldest < FAILURE_WINDOW_NANOS) {
                    server.fail("event loops failed " + (FAILURES_TOLERATED + 1) + " times within "
                            + TimeUnit.NANOSECONDS.toSeconds(FAILURE_WINDOW_NANOS) + " s, the last (" + name + ") of "
                            + failure + "; a failure that keeps coming back is a bug, so the server stops", failure);
                    return null;
                }
                EventLoop successor = factory.create(loop.index, namePrefix + loop.index + "." + ++generations, this);
                if (draining) {
                    successor.drain();
                }
                live.set(loop.index, successor);
                successor.start();
                LOG.log(System.Logger.Level.ERROR, "event loop " + name + " failed; its connections are closed and"
                        + " its buffers returned, and " + successor + " serves its share from now on", failure);
                return successor;
            }
        } catch (Throwable t) { // could not make a successor (e.g. out of file descriptors for its selector)
            t.addSuppressed(failure);
            server.fail("event loop " + name + " failed (" + failure + ") and could not be replaced", t);
            return null;
        }
    }

    /** Counters summed over every loop the server has run. */
    synchronized LoopTotals totals() {
        LoopTotals sum = LoopTotals.ZERO;
        for (int i = 0; i < live.length(); i++) {
            sum = sum.plus(live.get(i).totals());
        }
        for (EventLoop loop : ended) {
            if (!containsLive(loop)) { // a stopping loop that failed stays in its slot
                sum = sum.plus(loop.totals());
            }
        }
        return sum;
    }

    private boolean containsLive(EventLoop loop) {
        return live.get(loop.index) == loop;
    }

    synchronized long failures() {
        return failures;
    }

    /** Asks every live loop to give back the blocks its stalled echoes hold (broker thread). */
    void spillAll() {
        for (int i = 0; i < live.length(); i++) {
            live.get(i).requestSpill();
        }
    }

    synchronized void drainAll() {
        draining = true;
        for (int i = 0; i < live.length(); i++) {
            live.get(i).drain();
        }
    }

    /** Stops every loop and waits, up to {@code millis} each, for every thread any loop ran on. */
    void stopAll(long millis) {
        List<EventLoop> all = new ArrayList<>();
        synchronized (this) {
            stopping = true; // from now on a failing loop is not replaced
            for (int i = 0; i < live.length(); i++) {
                live.get(i).stop();
                all.add(live.get(i));
            }
            all.addAll(ended);
        }
        // Outside the lock: a loop that fails now calls failed(), which takes it.
        for (EventLoop loop : all) {
            EchoServer.join(loop.thread(), millis);
        }
    }
}
