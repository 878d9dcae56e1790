package dev.poolkit.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking, thread-per-connection echo server for tests, with two ways to misbehave on purpose:
 * flip one byte after {@code corruptAfter} bytes, or stall once for {@code stallMillis} after
 * {@code stallAfter} bytes (all connections feel it: the stall holds a shared gate).
 */
final class TestEchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private final long corruptAfter;
    private final long stallAfter;
    private final long stallMillis;
    private final Object gate = new Object();
    private volatile boolean stalled;
    final CountDownLatch stallStarted = new CountDownLatch(1);

    private TestEchoServer(long corruptAfter, long stallAfter, long stallMillis) throws IOException {
        this.corruptAfter = corruptAfter;
        this.stallAfter = stallAfter;
        this.stallMillis = stallMillis;
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestEchoServer honest() throws IOException {
        return new TestEchoServer(Long.MAX_VALUE, Long.MAX_VALUE, 0);
    }

    /** Flips one bit of the byte at stream position {@code after} (over all connections). */
    static TestEchoServer corrupting(long after) throws IOException {
        return new TestEchoServer(after, Long.MAX_VALUE, 0);
    }

    /** Stops echoing for {@code millis} once {@code after} bytes have been echoed in total. */
    static TestEchoServer stalling(long after, long millis) throws IOException {
        return new TestEchoServer(Long.MAX_VALUE, after, millis);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                Thread t = new Thread(() -> echo(s), "test-echo-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // server closed
        }
    }

    private void echo(Socket s) {
        byte[] buf = new byte[8192];
        try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                long before = total.getAndAdd(n);
                if (before <= corruptAfter && corruptAfter < before + n) {
                    buf[(int) (corruptAfter - before)] ^= 1;
                }
                if (before <= stallAfter && stallAfter < before + n) {
                    stall();
                }
                synchronized (gate) {
                    // every connection passes the gate: while one stalls holding it, all wait
                }
                out.write(buf, 0, n);
            }
        } catch (IOException closed) {
            // client went away
        }
    }

    private void stall() {
        synchronized (gate) {
            stalled = true;
            stallStarted.countDown();
            try {
                Thread.sleep(stallMillis); // the misbehaviour under test, not a wait for state
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean stalled() {
        return stalled;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
