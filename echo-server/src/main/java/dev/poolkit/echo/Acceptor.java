package dev.poolkit.echo;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The accepting thread: a blocking {@code accept()} loop (closing the listening channel ends it),
 * which enforces {@code --max-connections} and deals connections to the event loops round-robin.
 */
final class Acceptor implements Runnable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    /**
     * Pause after a failed accept (typically out of file descriptors): the connection stays in the
     * backlog, so retrying at once would spin; closing connections free descriptors meanwhile.
     */
    private static final long FAILED_ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long FAILED_ACCEPT_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel listener;
    private final EventLoop[] loops;
    private final ConnectionCounters counters;
    private int next;
    private long lastFailureLog;

    Acceptor(ServerSocketChannel listener, EventLoop[] loops, ConnectionCounters counters) {
        this.listener = listener;
        this.loops = loops;
        this.counters = counters;
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return; // shutdown closed the listening channel (AsynchronousCloseException is one of these)
            } catch (IOException e) {
                acceptFailed(e);
                continue;
            }
            admit(ch);
        }
    }

    private void admit(SocketChannel ch) {
        if (!counters.tryOpen()) {
            EventLoop.closeQuietly(ch); // over --max-connections: closed at once, counted as refused
            return;
        }
        try {
            ch.configureBlocking(false);
            // Echo is request/response: without this, Nagle's algorithm holds back the tail of a
            // partial write until the peer's (possibly delayed) ACK, up to tens of milliseconds.
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            EventLoop.closeQuietly(ch);
            counters.closed();
            return;
        }
        loops[next].register(ch);
        next = next + 1 == loops.length ? 0 : next + 1;
    }

    private void acceptFailed(IOException e) {
        long t = System.nanoTime();
        if (lastFailureLog == 0 || t - lastFailureLog > FAILED_ACCEPT_LOG_EVERY_NANOS) {
            lastFailureLog = t;
            LOG.log(System.Logger.Level.WARNING, "accept failed (" + e + "); retrying. Out of file descriptors?"
                    + " Raise 'ulimit -n' or lower --max-connections", e);
        }
        LockSupport.parkNanos(FAILED_ACCEPT_PAUSE_NANOS);
    }
}
