package dev.poolkit.echo;

import dev.poolkit.api.ObjectPool;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link IoModel#VIRTUAL_THREADS}: every accepted connection gets a virtual thread of its own that
 * blocks in its reads ({@link ConnectionTask}), beside two platform threads: the
 * {@link WritableWatcher} for stalled echoes, and the reaper, which closes idle connections after
 * {@code --idle-timeout} and, while draining, quiet ones. The same buffers, connection pool,
 * counters and shutdown as the event loops; a connection that finds no free block waits in the
 * pool's own {@code acquire()} (a parked virtual thread costs no carrier), so no broker is needed.
 */
final class ThreadPerConnection implements Intake {
    private static final System.Logger LOG = System.getLogger(ThreadPerConnection.class.getName());
    /** A leaving connection waits for its key to be deregistered; the watcher unparks it, this is a safety net. */
    static final long DEREGISTER_SAFETY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The reaper looks for idle connections every (shortest timeout)/4, within these bounds (as the loops do). */
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** While draining, quiet connections are looked for this often. */
    private static final long DRAIN_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final BufferSource buffers;
    private final ObjectPool<Connection> connections;
    private final ConnectionCounters connectionCounters;
    private final ServerFailure server;
    private final long idleTimeoutNanos;
    private final long writeTimeoutNanos;
    private final long spillAfterNanos;
    private final long tickNanos;
    private final ThreadFactory threads;
    private final WritableWatcher watcher;
    private final Thread reaper;
    private final ProcessAllocation allocation = new ProcessAllocation();
    private final Set<ConnectionTask> live = ConcurrentHashMap.newKeySet();
    /** Stalled echoes that still hold a pool block. */
    private final Set<ConnectionTask> holders = ConcurrentHashMap.newKeySet();
    /** Connections waiting for a buffer. */
    private final AtomicInteger waiting = new AtomicInteger();
    private LoopTotals endedTotals = LoopTotals.ZERO; // guarded by this
    private volatile boolean stopping;
    private volatile boolean draining;

    ThreadPerConnection(String namePrefix, EchoConfig config, BufferSource buffers,
                        ObjectPool<Connection> connections, ConnectionCounters connectionCounters,
                        ServerFailure server) throws IOException {
        this.buffers = buffers;
        this.connections = connections;
        this.connectionCounters = connectionCounters;
        this.server = server;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.spillAfterNanos = config.spillAfter().toNanos();
        this.tickNanos = idleTimeoutNanos == 0 ? 0
                : Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, idleTimeoutNanos / 4));
        this.threads = VirtualThreads.factory(namePrefix + "conn-");
        this.watcher = new WritableWatcher(namePrefix + "write-watcher", server);
        this.reaper = new Thread(this::reap, namePrefix + "reaper");
        reaper.setDaemon(true); // the process lives as long as its main thread waits, not because of this
    }

    void start() {
        watcher.start();
        reaper.start();
    }

    void closeUnstarted() {
        watcher.closeUnstarted();
    }

    // ---------------------------------------------------------------- the acceptor's side

    @Override
    public boolean take(SocketChannel channel) {
        if (stopping) {
            return false;
        }
        ConnectionTask task = new ConnectionTask(this, channel);
        live.add(task);
        // Stopping meanwhile: whoever takes the task out of the set owns the channel (stopAll sets
        // the flag before it ends the live tasks, so one of us sees the other).
        if (stopping && live.remove(task)) {
            return false;
        }
        try {
            channel.configureBlocking(true);
            threads.newThread(task).start();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "could not start a thread for a connection; it is closed", e);
            synchronized (this) {
                live.remove(task);
                if (live.isEmpty()) {
                    notifyAll();
                }
            }
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- what the connection threads use

    ObjectPool<Connection> connections() {
        return connections;
    }

    BufferSource buffers() {
        return buffers;
    }

    WritableWatcher watcher() {
        return watcher;
    }

    long spillAfterNanos() {
        return spillAfterNanos;
    }

    long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    /** Buffers are scarce: connections wait for one, or heap fallbacks are out. */
    boolean scarce() {
        return waiting.get() > 0 || buffers.scarce();
    }

    void waiting(int delta) {
        waiting.addAndGet(delta);
    }

    /** {@code task}'s stalled echo holds (true) or no longer holds (false) a pool block. */
    void holding(ConnectionTask task, boolean holds) {
        if (holds) {
            holders.add(task);
        } else {
            holders.remove(task);
        }
    }

    /** Asks every stalled echo that holds a block to give it back now (a connection found none free). */
    void spillAll() {
        for (ConnectionTask t : holders) {
            t.requestSpill();
        }
    }

    /** The connections served right now; for tests. */
    List<ConnectionTask> live() {
        return new ArrayList<>(live);
    }

    /** {@code task}'s thread has given back everything and closed its channel. */
    void ended(ConnectionTask task) {
        synchronized (this) {
            endedTotals = endedTotals.plus(task.counters.snapshot(0));
            connectionCounters.closed(); // before it leaves the set: a report made once the set is empty sees it closed
            live.remove(task);
            if (live.isEmpty()) {
                notifyAll(); // stopAll waits for this
            }
        }
    }

    /** A connection thread met an error the JVM may not survive. */
    void fatal(Throwable t) {
        server.fail("a connection thread died of " + t + ", which leaves the JVM itself in doubt (out of memory?"
                + " then give it more with -Xmx, or lower --max-connections)", t);
    }

    // ---------------------------------------------------------------- the server's side

    /** The counters of every connection served so far; allocation is the whole JVM's (see {@link ProcessAllocation}). */
    synchronized LoopTotals totals() {
        LoopTotals sum = endedTotals;
        for (ConnectionTask t : live) {
            sum = sum.plus(t.counters.snapshot(0));
        }
        return new LoopTotals(sum.bytesEchoed(), sum.messagesEchoed(), sum.bufferWaits(), sum.closedByPeer(),
                sum.resets(), sum.timedOut(), sum.writeTimedOut(), sum.drained(), sum.cut(), sum.aborted(),
                sum.errors(), sum.spills(), sum.writeBlocked(), sum.waiting(), sum.spilled(), sum.spilledBytes(),
                allocation.bytes());
    }

    /** From now on each connection is closed with our FIN once it is quiet (see {@link ConnectionTask}). */
    void drainAll() {
        draining = true;
        LockSupport.unpark(reaper);
    }

    /** Cuts every connection left, waits up to {@code millis} for their threads, then stops the helpers. */
    void stopAll(long millis) {
        stopping = true;
        List<ConnectionTask> all = new ArrayList<>(live);
        for (ConnectionTask t : all) {
            t.end(ConnectionTask.BUSY, ConnectionTask.CUT);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        synchronized (this) {
            while (!live.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.log(System.Logger.Level.ERROR, live.size() + " connection thread(s) did not stop within "
                            + millis + " ms");
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    interrupted = true; // finish the shutdown first; a half-stopped server helps nobody
                }
            }
        }
        LockSupport.unpark(reaper);
        EchoServer.join(reaper, millis);
        watcher.stop();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the reaper

    private void reap() {
        try {
            while (!stopping) {
                long now = System.nanoTime();
                for (ConnectionTask t : live) {
                    if (!t.idle()) {
                        continue;
                    }
                    long quiet = now - t.lastActive();
                    if (draining && quiet >= EventLoop.DRAIN_QUIET_NANOS) {
                        t.end(ConnectionTask.IDLE, ConnectionTask.DRAINED);
                    } else if (idleTimeoutNanos > 0 && quiet > idleTimeoutNanos) {
                        t.end(ConnectionTask.IDLE, ConnectionTask.TIMED_OUT);
                    }
                }
                long pause = draining ? DRAIN_PASS_NANOS : tickNanos;
                if (pause == 0) {
                    LockSupport.park(this); // nothing timed to do until a drain
                } else {
                    LockSupport.parkNanos(this, pause);
                }
            }
        } catch (Throwable t) { // without the reaper idle connections would never be closed, nor the drain end
            server.fail("the idle-connection reaper failed", t);
        }
    }
}
