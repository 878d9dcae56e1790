package dev.poolkit.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connections that misbehave on purpose while the measured ones run, on a thread of their own:
 * <b>non-readers</b> write as fast as the server takes their bytes and never read, and <b>slow
 * readers</b> write as fast too but read only {@link #TRICKLE_BYTES} every
 * {@link #TRICKLE_INTERVAL_NANOS} (a client on a slow link). Both use a small receive buffer, so
 * the server's echo to them stalls after a few MiB (what its own send buffer holds). They are not
 * measured: they are the conditions under which the normal connections are.
 */
final class HostileClients implements Runnable {
    /** The hostile clients' receive buffer: small, so the server's echo to them stalls soon. */
    static final int RECEIVE_BUFFER_BYTES = 8 * 1024;
    /** A slow reader reads this much... */
    static final int TRICKLE_BYTES = 1024;
    /** ...this often: 100 KiB/s, a slow mobile link. */
    static final long TRICKLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Selector selector;
    private final List<SocketChannel> slow = new ArrayList<>();
    private final List<SocketChannel> all = new ArrayList<>();
    private final ByteBuffer out;
    private final ByteBuffer in = ByteBuffer.allocate(TRICKLE_BYTES);
    private final Recorder errors;
    private final Thread thread;
    private volatile boolean stopped;
    // Confined to the hostile thread until it has been joined.
    private long bytesSent;
    private long bytesRead;
    private int closedByServer;

    private HostileClients(Selector selector, byte[] pattern, Recorder errors) {
        this.selector = selector;
        this.out = ByteBuffer.wrap(pattern);
        this.errors = errors;
        this.thread = new Thread(this, "echo-load-hostile");
        thread.setDaemon(true);
    }

    /**
     * Connects {@code spec.slowReaders()} slow readers and {@code spec.nonReaders()} non-readers;
     * a connection that fails is a {@link ErrorKind#CONNECT} error in {@code errors}.
     */
    static HostileClients connect(LoadSpec spec, byte[] pattern, Recorder errors) throws IOException {
        HostileClients h = new HostileClients(Selector.open(), pattern, errors);
        for (int i = 0; i < spec.slowReaders() + spec.nonReaders(); i++) {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                ch.socket().connect(new InetSocketAddress(spec.host(), spec.port()), (int) spec.timeout().toMillis());
                ch.configureBlocking(false);
                ch.register(h.selector, SelectionKey.OP_WRITE);
                h.all.add(ch);
                if (i < spec.slowReaders()) {
                    h.slow.add(ch);
                }
            } catch (IOException e) {
                errors.error(ErrorKind.CONNECT, "connecting a hostile client to " + spec.host() + ":" + spec.port()
                        + ": " + e);
            }
        }
        return h;
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and closes every hostile connection; the summary is final afterwards. */
    HostileSummary stop() throws InterruptedException {
        stopped = true;
        selector.wakeup();
        thread.join();
        return new HostileSummary(slow.size(), all.size() - slow.size(), bytesSent, bytesRead, closedByServer);
    }

    @Override
    public void run() {
        try {
            long nextTrickle = System.nanoTime();
            while (!stopped) {
                long wait = nextTrickle - System.nanoTime();
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                for (SelectionKey key : selector.selectedKeys()) {
                    write(key);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextTrickle >= 0) {
                    nextTrickle += TRICKLE_INTERVAL_NANOS;
                    slow.forEach(this::trickle);
                }
            }
        } catch (IOException e) {
            errors.error(ErrorKind.IO, "hostile clients' selector: " + e);
        } finally {
            for (SocketChannel ch : all) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing at the end
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing at the end
            }
        }
    }

    private void write(SelectionKey key) {
        SocketChannel ch = (SocketChannel) key.channel();
        if (!key.isValid() || !ch.isOpen()) {
            return;
        }
        try {
            out.clear();
            bytesSent += ch.write(out);
        } catch (IOException e) {
            lost(ch);
        }
    }

    private void trickle(SocketChannel ch) {
        if (!ch.isOpen()) {
            return;
        }
        try {
            in.clear();
            int n = ch.read(in);
            if (n < 0) {
                lost(ch);
            } else {
                bytesRead += n;
            }
        } catch (IOException e) {
            lost(ch);
        }
    }

    /** The server closed a hostile connection (e.g. its write timeout): its right, so not an error of the run. */
    private void lost(SocketChannel ch) {
        closedByServer++;
        try {
            ch.close();
        } catch (IOException ignored) {
            // it is gone either way
        }
    }
}
