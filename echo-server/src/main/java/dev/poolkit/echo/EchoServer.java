package dev.poolkit.echo;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.Pools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * An RFC 862 echo server over TCP: one acceptor thread, {@code threads} {@link EventLoop}s, read
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
 * Thread-safe. {@link #shutdown()} (or {@code close()}) stops accepting, closes every connection,
 * and reports whether every buffer came back.
 */
public final class EchoServer implements AutoCloseable {
    /** Room for the connection bursts of a load generator that opens thousands at once. */
    private static final int ACCEPT_BACKLOG = 1024;
    /** Connection objects kept idle at most (they are small; more would only help bigger churn). */
    private static final int MAX_IDLE_CONNECTIONS = 4096;
    /** How long shutdown waits for each thread; the loops need only to close their sockets. */
    private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final EchoConfig config;
    private final BufferSource buffers;
    private final ObjectPool<Connection> connections;
    private final ConnectionCounters connectionCounters;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final EventLoop[] loops;
    private final Thread[] loopThreads;
    private final BufferBroker broker;
    private final Thread brokerThread;
    private final Thread acceptorThread;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch terminated = new CountDownLatch(1);
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
        this.broker = buffers.pool() == null ? null : new BufferBroker(buffers.pool());
        this.brokerThread = broker == null ? null : daemon(broker, "echo-buffer-broker-" + address.getPort());
        this.loops = new EventLoop[config.threads()];
        this.loopThreads = new Thread[loops.length];
        for (int i = 0; i < loops.length; i++) {
            try {
                loops[i] = new EventLoop(buffers, connections, connectionCounters, broker,
                        config.idleTimeout().toNanos());
            } catch (IOException e) { // no selector (out of file descriptors): give back those opened
                for (int j = 0; j < i; j++) {
                    loops[j].closeUnstarted();
                }
                throw e;
            }
            loopThreads[i] = daemon(loops[i], "echo-loop-" + address.getPort() + "-" + i);
        }
        this.acceptorThread = daemon(new Acceptor(listener, loops, connectionCounters),
                "echo-acceptor-" + address.getPort());
    }

    /**
     * Binds, starts the threads and serves until {@link #shutdown()}.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static EchoServer start(EchoConfig config) throws IOException {
        BufferSource buffers = BufferSource.of(config);
        ObjectPool<Connection> connections = null;
        ServerSocketChannel listener = null;
        try {
            connections = connectionPool(config);
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

    private static ObjectPool<Connection> connectionPool(EchoConfig config) {
        // For 'none' nothing is pooled: a pool that keeps no idle object makes a new connection
        // object per accept, through the same code path.
        String backend = config.pooled() ? config.pool() : Pools.DEFAULT_BACKEND;
        int maxIdle = config.pooled() ? Math.min(config.maxConnections(), MAX_IDLE_CONNECTIONS) : 0;
        return Pools.objectPool(backend, ObjectPoolConfig.builder(Connection::new).reset(Connection::reset)
                .maxIdle(maxIdle).build());
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
        for (Thread t : loopThreads) {
            t.start();
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
        long bytes = 0;
        long messages = 0;
        long waits = 0;
        long byPeer = 0;
        long resets = 0;
        long timedOut = 0;
        long writeBlocked = 0;
        long waiting = 0;
        long allocated = 0;
        for (EventLoop loop : loops) {
            LoopCounters c = loop.counters();
            bytes += c.bytes();
            messages += c.messages();
            waits += c.bufferWaits();
            byPeer += c.closedByPeer();
            resets += c.resets();
            timedOut += c.timedOut();
            writeBlocked += c.writeBlocked();
            waiting += c.waiting();
            long a = loop.allocatedBytes();
            allocated = a < 0 || allocated < 0 ? -1 : allocated + a;
        }
        PoolStats pool = buffers.stats();
        return new EchoStats(config.pool(), config.exhaustion().flag(), loops.length, config.blockSize(),
                config.pooled() ? config.poolSize() : 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                connectionCounters.open(), connectionCounters.accepted(), connectionCounters.refused(), byPeer,
                resets, timedOut, writeBlocked, waiting, bytes, messages, waits, pool, allocated);
    }

    /**
     * Stops accepting, closes every connection, stops the threads, then checks that every buffer is
     * back in the pool and closes it. Idempotent: later calls return the same report.
     */
    public synchronized ShutdownReport shutdown() {
        if (report != null) {
            return report;
        }
        try {
            listener.close(); // ends the acceptor's accept()
        } catch (IOException e) {
            System.getLogger(EchoServer.class.getName()).log(System.Logger.Level.WARNING, "closing the listener", e);
        }
        join(acceptorThread);
        // The broker goes before the loops: whatever it hands off from now on, a loop still running
        // will give back as it stops.
        if (brokerThread != null) {
            brokerThread.interrupt();
            join(brokerThread);
        }
        for (EventLoop loop : loops) {
            loop.stop();
        }
        for (Thread t : loopThreads) {
            join(t);
        }
        EchoStats last = stats();
        long out = buffers.outstanding();
        String leaks = buffers.describeOutstanding();
        buffers.close();
        connections.close();
        EchoServerJmx.unregister(jmxName);
        report = new ShutdownReport(last, out, leaks);
        terminated.countDown();
        return report;
    }

    /** Same as {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    /** Blocks until {@link #shutdown()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (t.isAlive()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                System.getLogger(EchoServer.class.getName()).log(System.Logger.Level.ERROR,
                        "thread " + t.getName() + " did not stop within " + STOP_WAIT_MILLIS + " ms");
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
