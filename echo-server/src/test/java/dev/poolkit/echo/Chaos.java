package dev.poolkit.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The clients of a chaos run against one echo server, each kind on its own threads: normal
 * clients (closed loop, every byte checked), slow readers (write all the time, read a trickle,
 * every byte checked), non-readers (write until the server stops them, never read), resetting
 * clients (send, then reset mid-echo) and half-closing ones (send, FIN, read the whole echo). The
 * work is bounded by counts and bytes; the hostile clients stay connected until {@link #close()}.
 */
final class Chaos implements AutoCloseable {
    private static final int KIB = 1024;
    /** Read timeout on every socket: a lost byte fails the run instead of hanging it. */
    private static final int TIMEOUT_MILLIS = 30_000;
    /** A slow reader takes this much... */
    private static final int TRICKLE_BYTES = 512;
    /** ...this often: the slowness under test, not a wait for a condition. */
    private static final long TRICKLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final int port;
    private final long seed;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-client");
        t.setDaemon(true);
        return t;
    });
    /** Set before the server is stopped: from then on a hostile client's lost connection is expected. */
    private volatile boolean stopping;
    private final AtomicLong slowBytesChecked = new AtomicLong();
    private final List<Future<?>> hostile = new ArrayList<>();

    Chaos(int port, long seed) {
        this.port = port;
        this.seed = seed;
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    /** The byte at {@code position} of a slow reader's endless stream. */
    private static byte streamByte(long salt, long position) {
        return (byte) ((position * 31 + salt) ^ (position >>> 8));
    }

    /** Clients that write without end and never read: the server must stop reading them, and not pin its pool. */
    void nonReaders(int count) {
        for (int i = 0; i < count; i++) {
            hostile.add(threads.submit(() -> {
                byte[] chunk = new byte[64 * KIB];
                try (Socket s = connect(8 * KIB)) {
                    OutputStream out = s.getOutputStream();
                    while (true) { // until the server closes the connection, which it may only do when stopping
                        out.write(chunk); // blocks for good once the server stops reading
                    }
                } catch (IOException e) {
                    expectedOnlyWhenStopping(e);
                }
                return null;
            }));
        }
    }

    /** Clients that write all the time and read a trickle, checking every byte that comes back. */
    void slowReaders(int count) {
        for (int i = 0; i < count; i++) {
            long salt = seed + i;
            hostile.add(threads.submit(() -> {
                try (Socket s = connect(8 * KIB)) {
                    Future<?> writer = threads.submit(() -> writeStream(s, salt));
                    readTrickle(s, salt);
                    writer.cancel(true);
                } catch (IOException e) {
                    expectedOnlyWhenStopping(e);
                }
                return null;
            }));
        }
    }

    private Void writeStream(Socket s, long salt) throws IOException {
        // Never returns normally: it ends with the connection.
        byte[] chunk = new byte[16 * KIB];
        long position = 0;
        try {
            OutputStream out = s.getOutputStream();
            while (true) { // until the server closes the connection, which it may only do when stopping
                for (int j = 0; j < chunk.length; j++) {
                    chunk[j] = streamByte(salt, position + j);
                }
                out.write(chunk);
                position += chunk.length;
            }
        } catch (IOException e) {
            expectedOnlyWhenStopping(e);
        }
        return null;
    }

    private void readTrickle(Socket s, long salt) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[TRICKLE_BYTES];
        long position = 0;
        while (true) { // until the server closes the connection, which it may only do when stopping
            int n = in.read(buf);
            if (n < 0) {
                expectedOnlyWhenStopping(new IOException("the server closed a slow reader after " + position + " bytes"));
                return;
            }
            for (int j = 0; j < n; j++, position++) {
                if (buf[j] != streamByte(salt, position)) {
                    throw new AssertionError("a slow reader's byte " + position + " came back wrong");
                }
            }
            slowBytesChecked.addAndGet(n);
            LockSupport.parkNanos(TRICKLE_PAUSE_NANOS);
        }
    }

    /** {@code clients} normal clients, each echoing {@code bytesEach} in messages of 1 B to 64 KiB; every byte checked. */
    Future<Long> normal(int clients, long bytesEach) {
        List<Future<Long>> each = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Random random = new Random(seed * 31 + i);
            each.add(threads.submit(() -> {
                long done = 0;
                try (Socket s = connect(0)) {
                    while (done < bytesEach) {
                        int size = (int) Math.min(bytesEach - done, Math.round(Math.pow(2, random.nextDouble() * 16)));
                        byte[] data = Clients.payload(random, size);
                        s.getOutputStream().write(data); // at most 64 KiB: the socket buffers hold it
                        Clients.assertSame(data, Clients.readFully(s.getInputStream(), size));
                        done += size;
                    }
                }
                return done;
            }));
        }
        return sum(each);
    }

    /** {@code count} clients, one after another, that send and reset the connection while the echo flows. */
    Future<Long> resetters(int count) {
        return threads.submit(() -> {
            Random random = new Random(seed + 7);
            for (int i = 0; i < count; i++) {
                Socket s = connect(8 * KIB);
                s.getOutputStream().write(Clients.payload(random, 32 * KIB));
                if (s.getInputStream().read() < 0) { // the echo has started
                    throw new AssertionError("the server closed a connection it was echoing");
                }
                s.setSoLinger(true, 0);
                s.close(); // RST, with the echo half read and more in flight
            }
            return (long) count;
        });
    }

    /** {@code count} clients, one after another, that send, half-close, and read the whole echo and the FIN. */
    Future<Long> halfClosers(int count) {
        return threads.submit(() -> {
            Random random = new Random(seed + 11);
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                byte[] data = Clients.payload(random, 1 + random.nextInt(256 * KIB));
                try (Socket s = connect(0)) {
                    Future<?> writer = threads.submit(() -> {
                        s.getOutputStream().write(data);
                        s.shutdownOutput();
                        return null;
                    });
                    byte[] got = s.getInputStream().readAllBytes(); // up to the server's FIN
                    writer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    Clients.assertSame(data, got); // every byte, and not one more

                }
                bytes += data.length;
            }
            return bytes;
        });
    }

    /** Bytes of the slow readers' streams checked so far. */
    long slowBytesChecked() {
        return slowBytesChecked.get();
    }

    /** From now on the server may close the hostile clients (it is being stopped). */
    void stopping() {
        stopping = true;
    }

    /** Rethrows the first failure of a hostile client (call after {@link #stopping()} and the server's exit). */
    void checkHostile() throws Exception {
        close();
        for (Future<?> f : hostile) {
            f.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void expectedOnlyWhenStopping(IOException e) throws IOException {
        if (!stopping) {
            throw e;
        }
    }

    private <T extends Number> Future<Long> sum(List<Future<T>> parts) {
        return threads.submit(() -> {
            long total = 0;
            for (Future<T> f : parts) {
                total += f.get().longValue();
            }
            return total;
        });
    }

    /** Runs {@code task} on a chaos thread. */
    <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    @Override
    public void close() {
        stopping = true;
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing at the end: nothing more to learn
            }
        }
        threads.shutdownNow();
    }
}
