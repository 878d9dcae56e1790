package dev.poolkit.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One client connection with at most one message in flight. Each message is a slice of a shared
 * random pattern at a random offset, so every message differs from its neighbours and from the
 * other connections' and a server that drops, duplicates, reorders or mixes up bytes is caught:
 * every echoed byte is compared with the byte sent.
 */
final class ClientConnection {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final SizeDistribution sizes;
    private final SplittableRandom random;
    private final byte[] pattern;
    private final ByteBuffer out;
    private final byte[] in;
    private final ByteBuffer inBuffer;
    private final ByteBuffer stray = ByteBuffer.allocate(1);

    private int size;
    private int offset;
    private int sent;
    private int received;
    private long intended;
    private long sentAt;
    private long readyAt;
    /** When the last message came back: from then on the connection could send again. */
    private long idleSince;
    private boolean inFlight;
    private boolean open = true;

    /** Fixed-rate schedule: the k-th message of this connection is due at {@code start + phase + k x interval}. */
    long phase;
    long scheduleIndex;
    long nextDue;

    ClientConnection(SocketChannel channel, SelectionKey key, SizeDistribution sizes, SplittableRandom random,
                     byte[] pattern) {
        this.channel = channel;
        this.key = key;
        this.sizes = sizes;
        this.random = random;
        this.pattern = pattern;
        this.out = ByteBuffer.wrap(pattern);
        this.in = new byte[sizes.max()];
        this.inBuffer = ByteBuffer.wrap(in);
        key.attach(this);
    }

    boolean isOpen() {
        return open;
    }

    boolean inFlight() {
        return inFlight;
    }

    long sentAt() {
        return sentAt;
    }

    /** Starts the next message, due at {@code due} and sent now. */
    void start(long due, long now) throws IOException {
        // The client's own lateness runs from when it could have sent: the due time, or the end of
        // the previous message if the server returned that late (which is the server's delay).
        readyAt = Math.max(due, idleSince);
        size = sizes.sample(random);
        offset = random.nextInt(pattern.length - size + 1);
        sent = 0;
        received = 0;
        intended = due;
        sentAt = now;
        inFlight = true;
        write();
    }

    /** Writes what the socket takes now; asks for OP_WRITE only while something is left. */
    void write() throws IOException {
        if (sent < size) {
            out.limit(offset + size).position(offset + sent);
            sent += channel.write(out);
        }
        // Always keep reading: the server echoes while we write, and a message larger than both
        // socket buffers would otherwise stall both sides.
        key.interestOps(sent < size ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /**
     * Reads what arrived. Returns true iff the message in flight is now echoed whole and verified.
     *
     * @throws EchoException if the server closed, sent bytes that were never sent, or changed one
     */
    boolean read(Recorder recorder, long now) throws IOException {
        if (!inFlight) {
            stray.clear();
            int n = channel.read(stray);
            if (n < 0) {
                throw new EchoException(ErrorKind.EOF, "server closed an idle connection");
            }
            if (n > 0) {
                throw new EchoException(ErrorKind.CORRUPT, "server sent bytes while no message was in flight");
            }
            return false;
        }
        inBuffer.limit(size).position(received);
        int n = channel.read(inBuffer);
        if (n < 0) {
            throw new EchoException(ErrorKind.EOF, "server closed the connection after echoing " + received
                    + " of " + size + " bytes");
        }
        received += n;
        if (received > sent) {
            throw new EchoException(ErrorKind.CORRUPT, "server echoed " + received + " bytes of a message of which"
                    + " only " + sent + " were sent");
        }
        if (received < size) {
            return false;
        }
        int bad = Arrays.mismatch(in, 0, size, pattern, offset, offset + size);
        if (bad >= 0) {
            throw new EchoException(ErrorKind.CORRUPT, String.format("byte %d of a %d-byte message came back as"
                    + " 0x%02x, sent 0x%02x", bad, size, in[bad] & 0xff, pattern[offset + bad] & 0xff));
        }
        inFlight = false;
        idleSince = now;
        recorder.echoed(intended, readyAt, sentAt, now, size);
        return true;
    }

    void close() {
        open = false;
        inFlight = false;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after a failure: nothing more to learn
        }
    }

    /** A failure with its kind, so the loop can count it. */
    static final class EchoException extends IOException {
        private static final long serialVersionUID = 1L;
        final ErrorKind kind;

        EchoException(ErrorKind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }
}
