package dev.poolkit.echo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The accepting thread: waits on its own selector for connections to accept (so it needs no file
 * descriptor to wait, see below), enforces {@code --max-connections} and hands connections to the
 * {@link Intake}: the live event loops round-robin (a loop that has ended refuses, and the next
 * one gets the connection), or a virtual thread each. {@link #stop()} ends it.
 *
 * <p>Out of file descriptors ({@code EMFILE}), {@code accept()} fails and the connection stays in
 * the backlog, where its client would hang; and a blocking {@code accept()} would fail at once
 * whether a connection waits or not (Linux takes the descriptor before it waits), which would spin.
 * So the acceptor waits for readiness on a selector opened at start, and keeps one descriptor in
 * reserve (an unconnected socket): when an accept fails it closes the reserve, accepts the waiting
 * connection on the freed descriptor, closes it at once (the client sees the connection closed,
 * and the refusal is counted), and takes the reserve again. Each failure thus refuses one waiting
 * connection and nothing spins; connections are served again as soon as others close.
 */
final class Acceptor implements Runnable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    /**
     * Pause after a failed accept that could not refuse its connection (no reserve, or failing
     * even with a descriptor free): the connection stays in the backlog, so without it the
     * selector would report it again at once and the loop would spin.
     */
    private static final long STUCK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Intake intake;
    private final ConnectionCounters counters;
    private final ServerFailure server;
    private volatile boolean stopped;
    /** One descriptor held back for refusing connections when the process has no other; null if none. */
    private SocketChannel reserve;
    private long lastFailureLog;

    /** Opens the acceptor's selector; the listener becomes non-blocking and registered with it. */
    Acceptor(ServerSocketChannel listener, Intake intake, ConnectionCounters counters, ServerFailure server)
            throws IOException {
        this.listener = listener;
        this.intake = intake;
        this.counters = counters;
        this.server = server;
        this.selector = Selector.open();
        // Initialising the logger loads classes from the JDK's runtime image, which opens that file
        // for good: done now rather than at the first accept failure, it does not take the
        // descriptor the reserve needs then.
        LOG.isLoggable(System.Logger.Level.WARNING);
        try {
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /** Ends {@link #run()} soon; the caller closes the listener once the thread has ended. */
    void stop() {
        stopped = true;
        selector.wakeup();
    }

    /** Releases the selector of an acceptor that will never run (the server failed to start). */
    void closeUnstarted() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the acceptor's selector failed", e);
        }
    }

    @Override
    public void run() {
        reserve = openReserve();
        try {
            while (!stopped) {
                selector.select();
                selector.selectedKeys().clear();
                acceptPending();
            }
        } catch (ClosedChannelException e) {
            // the listener was closed: the server is stopping
        } catch (Throwable t) { // an acceptor that dies would leave the server up and accepting nothing
            if (!stopped) {
                server.fail("the acceptor failed", t);
            }
        } finally {
            if (reserve != null) {
                closeQuietly(reserve);
            }
            closeUnstarted(); // deregisters the listener, so closing it really frees the port
        }
    }

    /** Accepts every connection waiting now (the listener is non-blocking). */
    private void acceptPending() throws IOException {
        while (!stopped) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                acceptFailed(e);
                return; // back to select: a connection still waiting is reported again at once
            }
            if (ch == null) {
                return;
            }
            admit(ch);
        }
    }

    private void admit(SocketChannel ch) {
        if (!counters.tryOpen()) {
            closeQuietly(ch); // over --max-connections: closed at once, counted as refused
            return;
        }
        try {
            ch.configureBlocking(false);
            // Echo is request/response: without this, Nagle's algorithm holds back the tail of a
            // partial write until the peer's (possibly delayed) ACK, up to tens of milliseconds.
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            counters.closed();
            return;
        }
        if (intake.take(ch)) {
            return;
        }
        // Nothing serves it any more: the server is stopping.
        closeQuietly(ch);
        counters.closed();
    }

    /**
     * Slow path: accept() failed, almost always for want of a file descriptor: refuses the
     * connection waiting in the backlog on the reserve descriptor.
     */
    private void acceptFailed(IOException e) throws IOException {
        counters.countAcceptFailure();
        boolean stuck = true; // a connection waits and could not be refused
        if (reserve != null) {
            closeQuietly(reserve);
            reserve = null;
            try {
                SocketChannel ch = listener.accept();
                if (ch != null) {
                    closeQuietly(ch);
                    counters.countRefusedNoDescriptor();
                }
                // null: nobody was waiting after all. Linux takes the descriptor before it looks at the
                // backlog, so the accept after the one that took the last descriptor fails this way.
                stuck = false;
            } catch (ClosedChannelException closed) {
                throw closed;
            } catch (IOException again) {
                // Failed even with a descriptor free: not for want of one.
            }
            logFailure(e); // while the reserve's descriptor is free: logging may need one (time zone data, a file)
            reserve = openReserve();
        } else {
            logFailure(e);
        }
        if (stuck) { // without a pause the selector would report the waiting connection again at once: a spin
            LockSupport.parkNanos(STUCK_PAUSE_NANOS);
            if (reserve == null) {
                reserve = openReserve();
            }
        }
    }

    private void logFailure(IOException e) {
        long t = System.nanoTime();
        if (lastFailureLog != 0 && t - lastFailureLog < FAILURE_LOG_EVERY_NANOS) {
            return;
        }
        lastFailureLog = t;
        try {
            LOG.log(System.Logger.Level.WARNING, "accept failed (" + e.getMessage() + ") with " + counters.open()
                    + " connections open" + descriptorLimit() + ": refusing new connections until some close."
                    + " Out of file descriptors? Raise 'ulimit -n' or lower --max-connections (now "
                    + counters.max() + ")");
        } catch (RuntimeException | InternalError logFailed) {
            // No descriptor for the log's own needs (the JDK says so with an InternalError): the
            // refusal is counted in the stats either way, and the acceptor must go on.
        }
    }

    /** The descriptor limit, from getrlimit (counting the open ones would itself need a descriptor). */
    private static String descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean) {
            return ", file descriptor limit " + ((com.sun.management.UnixOperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        }
        return "";
    }

    private static SocketChannel openReserve() {
        try {
            return SocketChannel.open();
        } catch (IOException e) {
            return null; // none to spare right now; taken again after the next failure
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        EventLoop.closeQuietly(ch);
    }
}
