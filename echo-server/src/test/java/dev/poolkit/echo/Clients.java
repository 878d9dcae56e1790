package dev.poolkit.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking loopback clients for the echo tests, and the threads that drive them. Every socket
 * made here is closed by {@link #close()}, so a failing test leaves no client behind.
 */
final class Clients implements AutoCloseable {
    /** Safety net on every read: a lost byte fails the test instead of hanging it. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo-test-client");
        t.setDaemon(true);
        return t;
    });

    Clients(int port) {
        this.port = port;
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    /**
     * A connected channel with a receive buffer of {@code receiveBufferBytes}, closed by
     * {@link #close()}: a small one makes a client that stops reading stop the server sooner.
     */
    SocketChannel openChannel(int receiveBufferBytes) throws IOException {
        SocketChannel ch = SocketChannel.open();
        channels.add(ch);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(new InetSocketAddress("127.0.0.1", port));
        return ch;
    }

    <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        return threads.submit(task);
    }

    /**
     * Writes {@code data} on a second thread while reading the echo here (a server may hold back
     * a large message until the client reads), then checks it byte for byte.
     */
    void echo(Socket s, byte[] data) throws Exception {
        Future<?> writer = threads.submit(() -> {
            s.getOutputStream().write(data);
            return null;
        });
        byte[] got = readFully(s.getInputStream(), data.length);
        writer.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertSame(data, got);
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] got = in.readNBytes(n);
        if (got.length != n) {
            throw new AssertionError("the echo ended (EOF) after " + got.length + " of " + n + " bytes");
        }
        return got;
    }

    static void assertSame(byte[] sent, byte[] got) {
        int at = Arrays.mismatch(sent, got);
        if (at >= 0) {
            throw new AssertionError("echo differs at byte " + at + " of " + sent.length + " (sent "
                    + (at < sent.length ? sent[at] : "nothing") + ", got " + (at < got.length ? got[at] : "nothing")
                    + ")");
        }
    }

    /** Random bytes, reproducible from the seed. */
    static byte[] payload(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** Waits for every task, rethrowing the first failure with its cause. */
    static void join(List<? extends Future<?>> tasks) throws Exception {
        for (Future<?> f : tasks) {
            try {
                f.get(2L * READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception) {
                    throw (Exception) e.getCause();
                }
                throw new AssertionError(e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("a client task did not finish", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            for (Socket s : sockets) {
                s.close();
            }
            for (SocketChannel ch : channels) {
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
