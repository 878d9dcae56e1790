package dev.poolkit.echo;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.management.ObjectName;

/**
 * An RFC 862 echo server over TCP: one acceptor thread, {@code threads} {@link EventLoop}s (or, with
 * {@code --io virtual-threads}, a virtual thread per connection: {@link ThreadPerConnection}), read
 * buffers from the {@link BufferSource} chosen by {@code --pool}, and per-connection state objects
 * from an {@link ObjectPool} of the same backend (the seed's connection pool).
 *
 * <pre>{@code
 * try (EchoServer server = EchoServer.start(EchoConfig.builder().pool("local").port(0).build())) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. {@link #shutdown()} (or {@code close()}) stops accepting, drains (lets in-flight
 * echoes finish for up to {@code --drain-timeout}), closes what is left, and reports whether every
 * buffer came back. A part of the server that fails beyond recovery (see {@link Loops}) shuts it
 * down by itself, and the report says why ({@link ShutdownReport#failure()}).
 */
public final class EchoServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EchoServer.class.getName());
    /** Room for the connection bursts of a load generator that opens thousands at once. */
    private static final int ACCEPT_BACKLOG = 1024;
    /** Connection objects kept idle at most (they are small; more would only help bigger churn). */
    private static final int MAX_IDLE_CONNECTIONS = 4096;
    /** How long shutdown waits for each thread once asked to stop; the loops need only to close their sockets. */
    private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final EchoConfig config;
    private final BufferSource buffers;
    private final ObjectPool<Connection> connections;
    private final ConnectionCounters connectionCounters;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    /** The event loops ({@code --io loops}); null with {@code --io virtual-threads}. */
    private final Loops loops;
    /** A virtual thread per connection ({@code --io virtual-threads}); null with the loops. */
    private final ThreadPerConnection perConnection;
    private final BufferBroker broker;
    private final Thread brokerThread;
    private final Acceptor acceptor;
    private final Thread acceptorThread;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Why the server stopped itself; the first failure wins. */
    private final AtomicReference<String> failure = new AtomicReference<>();
    private ObjectName jmxName;
    private ShutdownReport report; // guarded by this

    private EchoServer(EchoConfig config, BufferSource buffers, ObjectPool<Connection> connections,
                       ServerSocketChannel listener) throws IOException {
        this.config = config;
        this.buffers = buffers;
        this.connections = connections;
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.connectionCounters = new ConnectionCounters(config.maxConnections());
        ServerFailure fail = this::fail;
        String prefix = "echo-" + address.getPort() + "-";
        Intake intake;
        if (config.io() == IoModel.VIRTUAL_THREADS) {
            // Connection threads wait in the pool's own acquire(): no broker between them and the pool.
            this.broker = null;
            this.brokerThread = null;
            this.loops = null;
            this.perConnection = new ThreadPerConnection(prefix, config, buffers, connections, connectionCounters,
                    fail);
            intake = perConnection;
        } else {
            this.broker = buffers.waitPools().isEmpty() ? null : new BufferBroker(buffers.waitPools(), fail);
            this.brokerThread = broker == null ? null : daemon(broker, "echo-buffer-broker-" + address.getPort());
            this.perConnection = null;
            this.loops = new Loops(config.threads(), "echo-loop-" + address.getPort() + "-",
                    (index, name, supervisor) -> new EventLoop(index, name, config, buffers, connections,
                            connectionCounters, broker, supervisor), fail);
            if (broker != null) {
                broker.spillEverywhere(loops::spillAll);
            }
            intake = loops;
        }
        try {
            this.acceptor = new Acceptor(listener, intake, connectionCounters, fail);
        } catch (IOException | RuntimeException e) { // no selector for it (out of file descriptors)
            if (loops != null) {
                loops.closeUnstarted();
            } else {
                perConnection.closeUnstarted();
            }
            throw e;
        }
        this.acceptorThread = daemon(acceptor, "echo-acceptor-" + address.getPort());
    }

    /** The connection threads' model with {@code --io virtual-threads}, null with the loops; for tests. */
    ThreadPerConnection perConnection() {
        return perConnection;
    }

    /**
     * Binds, starts the threads and serves until {@link #shutdown()}.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static EchoServer start(EchoConfig config) throws IOException {
        return start(config, UnaryOperator.identity());
    }

    /** As {@link #start(EchoConfig)}, with the buffer source wrapped by {@code decorate} (tests inject failures). */
    static EchoServer start(EchoConfig config, UnaryOperator<BufferSource> decorate) throws IOException {
        String jmx = EchoServerJmx.poolNamePrefix(config.port());
        BufferSource buffers = decorate.apply(BufferSource.of(config, jmx + "-buffers"));
        ObjectPool<Connection> connections = null;
        ServerSocketChannel listener = null;
        try {
            connections = connectionPool(config, jmx + "-connections");
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            InetSocketAddress where = new InetSocketAddress(config.bind(), config.port());
            if (where.isUnresolved()) {
                throw new IOException("cannot resolve --bind " + config.bind());
            }
            try {
                listener.bind(where, ACCEPT_BACKLOG);
            } catch (IOException e) {
                throw new IOException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
            }
            EchoServer server = new EchoServer(config, buffers, connections, listener);
            server.startThreads();
            return server;
        } catch (IOException | RuntimeException e) {
            closeAfterFailedStart(listener, connections, buffers, e);
            throw e;
        }
    }

    private static ObjectPool<Connection> connectionPool(EchoConfig config, String jmxName) {
        // For 'none' nothing is pooled: a pool that keeps no idle object makes a new connection
        // object per accept, through the same code path.
        String backend = config.pooled() ? config.pool() : Pools.DEFAULT_BACKEND;
        int maxIdle = config.pooled() ? Math.min(config.maxConnections(), MAX_IDLE_CONNECTIONS) : 0;
        return Pools.objectPool(backend, ObjectPoolConfig.builder(Connection::new).reset(Connection::reset)
                .maxIdle(maxIdle).jmxName(jmxName).build());
    }

    private static void closeAfterFailedStart(ServerSocketChannel listener, ObjectPool<Connection> connections,
                                              BufferSource buffers, Exception failure) {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        if (connections != null) {
            connections.close();
        }
        buffers.close();
    }

    private void startThreads() {
        jmxName = EchoServerJmx.register(address.getPort(), this::stats);
        if (brokerThread != null) {
            brokerThread.start();
        }
        if (loops != null) {
            loops.startAll();
        } else {
            perConnection.start();
        }
        acceptorThread.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true); // the process lives as long as its main thread waits, not because of these
        return t;
    }

    public EchoConfig config() {
        return config;
    }

    /** The bound address; its port is the real one when {@code --port 0} asked for an ephemeral port. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Where the connections' buffers come from; for tests that need to hold one. */
    BufferSource buffers() {
        return buffers;
    }

    /** The figures right now (after shutdown: the final ones). */
    public EchoStats stats() {
        LoopTotals loopTotals = loops != null ? loops.totals() : perConnection.totals();
        PoolStats pool = buffers.stats();
        return new EchoStats(config.pool(), config.exhaustion().flag(), config.threads(), config.blockSize(),
                config.pooled() ? config.poolSize() : 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                connectionCounters.open(), connectionCounters.accepted(), connectionCounters.refused(),
                connectionCounters.refusedNoDescriptor(), connectionCounters.acceptFailures(),
                loops != null ? loops.failures() : 0,
                loopTotals, pool);
    }

    /** Stops the server because a part of it cannot go on; see {@link ServerFailure}. */
    private void fail(String what, Throwable cause) {
        if (!failure.compareAndSet(null, what + ": " + cause)) {
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "echo server stopping: " + what, cause);
        // Not on the failing thread: shutdown waits for the loops, and the failing one may be among them.
        daemon(() -> shutdown(Duration.ZERO), "echo-server-failed-" + address.getPort()).start();
    }

    /** Why the server stopped itself, or null. */
    String failure() {
        return failure.get();
    }

    /**
     * Stops accepting, drains for up to {@code --drain-timeout} (see {@link #shutdown(Duration)}),
     * closes what is left, stops the threads, then checks that every buffer is back in the pool and
     * closes it. Idempotent: later calls return the same report.
     */
    public ShutdownReport shutdown() {
        return shutdown(config.drainTimeout());
    }

    /**
     * Shutdown with a drain of up to {@code drainTimeout}: from the moment the listener closes,
     * every connection is closed with our FIN as soon as everything its client sent has been
     * echoed (counted as drained); whatever is still open at the deadline is closed as it is
     * (counted as cut). Zero closes every connection at once.
     */
    public synchronized ShutdownReport shutdown(Duration drainTimeout) {
        if (report != null) {
            return report;
        }
        acceptor.stop();
        join(acceptorThread, STOP_WAIT_MILLIS);
        try {
            listener.close(); // after the acceptor's selector is closed, so the port is free at once
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the listener", e);
        }
        if (!drainTimeout.isZero() && connectionCounters.open() > 0) {
            drain(System.nanoTime() + drainTimeout.toNanos());
        }
        // The broker goes before the loops: whatever it hands off from now on, a loop still running
        // gives back as it stops, and one that has ended refuses.
        if (brokerThread != null) {
            brokerThread.interrupt();
            join(brokerThread, STOP_WAIT_MILLIS);
        }
        if (loops != null) {
            loops.stopAll(STOP_WAIT_MILLIS);
        } else {
            perConnection.stopAll(STOP_WAIT_MILLIS);
        }
        EchoStats last = stats();
        long out = buffers.outstanding();
        String leaks = buffers.describeOutstanding();
        buffers.close();
        connections.close();
        EchoServerJmx.unregister(jmxName);
        report = new ShutdownReport(last, out, leaks, failure.get());
        terminated.countDown();
        return report;
    }

    private void drain(long deadlineNanos) {
        if (loops != null) {
            loops.drainAll();
        } else {
            perConnection.drainAll();
        }
        boolean interrupted = false;
        while (true) {
            try {
                connectionCounters.awaitNoneOpen(deadlineNanos);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // finish the shutdown first; a half-stopped server helps nobody
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    /** Blocks until {@link #shutdown()} has finished (called by anyone, or by the server itself after a failure). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    static void join(Thread t, long millis) {
        if (t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (t.isAlive()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                LOG.log(System.Logger.Level.ERROR, "thread " + t.getName() + " did not stop within " + millis + " ms");
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                interrupted = true; // finish the shutdown first; a half-stopped server helps nobody
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EchoServer[" + address + ", " + config + "]";
    }
}
