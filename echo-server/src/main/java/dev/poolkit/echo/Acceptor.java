package dev.poolkit.echo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The accepting thread: a blocking {@code accept()} loop (closing the listening channel ends it),
 * which enforces {@code --max-connections} and deals connections to the live event loops
 * round-robin (a loop that has ended refuses, and the next one gets the connection).
 *
 * <p>Out of file descriptors ({@code EMFILE}), {@code accept()} fails and the connection stays in
 * the backlog, where its client would hang. So the acceptor keeps one descriptor in reserve (an
 * unconnected socket): when an accept fails it closes the reserve, accepts the waiting connection
 * on the freed descriptor without blocking, closes it at once (the client sees the connection
 * closed, and the refusal is counted), and takes the reserve again. The accept then blocks as
 * usual, so nothing spins; connections are served again as soon as others close.
 */
final class Acceptor implements Runnable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    /**
     * Pause after a failed accept when even the reserve could not be taken back: the connection
     * stays in the backlog, so retrying at once would spin; closing connections free descriptors meanwhile.
     */
    private static final long NO_RESERVE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel listener;
    private final Loops loops;
    private final ConnectionCounters counters;
    private final ServerFailure server;
    /** One descriptor held back for refusing connections when the process has no other; null if none. */
    private SocketChannel reserve;
    private long lastFailureLog;

    Acceptor(ServerSocketChannel listener, Loops loops, ConnectionCounters counters, ServerFailure server) {
        this.listener = listener;
        this.loops = loops;
        this.counters = counters;
        this.server = server;
    }

    @Override
    public void run() {
        reserve = openReserve();
        try {
            while (listener.isOpen()) {
                SocketChannel ch;
                try {
                    ch = listener.accept();
                } catch (ClosedChannelException e) {
                    return; // shutdown closed the listening channel (AsynchronousCloseException is one of these)
                } catch (IOException e) {
                    if (listener.isOpen()) {
                        acceptFailed(e);
                    }
                    continue;
                }
                admit(ch);
            }
        } catch (Throwable t) { // an acceptor that dies would leave the server up and accepting nothing
            if (listener.isOpen()) {
                server.fail("the acceptor failed", t);
            }
        } finally {
            if (reserve != null) {
                closeQuietly(reserve);
            }
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
        for (int tries = loops.size(); tries > 0; tries--) {
            if (loops.next().register(ch)) {
                return;
            }
        }
        // Every loop has ended: the server is stopping.
        closeQuietly(ch);
        counters.closed();
    }

    /**
     * Slow path: accept() failed, almost always for want of a file descriptor. Refuses the
     * connection waiting in the backlog on the reserve descriptor, without blocking if none waits.
     */
    private void acceptFailed(IOException e) throws IOException {
        counters.countAcceptFailure();
        logFailure(e);
        if (reserve != null) {
            closeQuietly(reserve);
            reserve = null;
            listener.configureBlocking(false);
            try {
                SocketChannel ch = listener.accept();
                if (ch != null) {
                    closeQuietly(ch);
                    counters.countRefusedNoDescriptor();
                }
            } catch (IOException again) {
                // Failed even with a descriptor free: not for want of one. The pause below keeps it from spinning.
            } finally {
                if (listener.isOpen()) {
                    listener.configureBlocking(true);
                }
            }
            reserve = openReserve();
        }
        if (reserve == null) { // no descriptor to refuse with: the client waits in the backlog
            LockSupport.parkNanos(NO_RESERVE_PAUSE_NANOS);
            reserve = openReserve();
        }
    }

    private void logFailure(IOException e) {
        long t = System.nanoTime();
        if (lastFailureLog == 0 || t - lastFailureLog > FAILURE_LOG_EVERY_NANOS) {
            lastFailureLog = t;
            LOG.log(System.Logger.Level.WARNING, "accept failed (" + e.getMessage() + ") with " + counters.open()
                    + " connections open" + descriptorLimit() + ": refusing new connections until some close."
                    + " Out of file descriptors? Raise 'ulimit -n' or lower --max-connections (now "
                    + counters.max() + ")");
        }
    }

    private static String descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean) {
            com.sun.management.UnixOperatingSystemMXBean os =
                    (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return " and " + os.getOpenFileDescriptorCount() + " of at most " + os.getMaxFileDescriptorCount()
                    + " file descriptors in use";
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
