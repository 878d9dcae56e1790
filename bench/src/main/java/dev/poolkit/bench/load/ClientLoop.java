package dev.poolkit.bench.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One client thread: drives its connections with one selector until the measurement window has
 * passed and the messages in flight have come back (or timed out).
 */
final class ClientLoop implements Runnable {
    /** How often in-flight messages are checked against the timeout. */
    private static final long TIMEOUT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Below this wait, select() (millisecond granularity) would oversleep; park in short steps instead. */
    private static final long FINE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** One short park: Linux wakes a parked thread about 50-60 us late, so longer steps gain nothing. */
    private static final long PARK_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Selector selector;
    private final List<ClientConnection> connections;
    private final Recorder recorder;
    private final LoadMode mode;
    private final long start;
    private final long sendUntil;
    private final long timeoutNanos;
    private final double intervalNanos;

    /**
     * @param intervalNanos fixed-rate mode: time between two messages of one connection; each
     *                      connection's schedule is offset by its {@code phase}
     */
    ClientLoop(Selector selector, List<ClientConnection> connections, Recorder recorder, LoadSpec spec, long start,
               long sendUntil, double intervalNanos) {
        this.selector = selector;
        this.connections = connections;
        this.recorder = recorder;
        this.mode = spec.mode();
        this.start = start;
        this.sendUntil = sendUntil;
        this.timeoutNanos = spec.timeout().toNanos();
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (IOException e) {
            recorder.error(ErrorKind.IO, "selector failed: " + e);
        } finally {
            connections.forEach(ClientConnection::close);
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing at the end
            }
        }
    }

    private void loop() throws IOException {
        while (System.nanoTime() < start) {
            LockSupport.parkNanos(start - System.nanoTime());
        }
        for (ClientConnection c : connections) {
            c.scheduleIndex = 0;
            c.nextDue = start + c.phase;
            if (mode == LoadMode.CLOSED_LOOP) {
                send(c, System.nanoTime(), true);
            }
        }
        long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
        while (true) {
            long now = System.nanoTime();
            // Fixed rate: a message due before sendUntil but held back by a slow reply is still sent
            // (late) and recorded from when it was due; cutting it off would cut the tail a stall made.
            boolean sending = now < sendUntil || mode == LoadMode.FIXED_RATE && anyDueBeforeEnd();
            if (!sending && !anyInFlight()) {
                return;
            }
            if (sending && mode == LoadMode.FIXED_RATE) {
                sendDue(now);
            }
            if (now >= nextTimeoutCheck) {
                expire(now);
                nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
            }
            if (connections.stream().noneMatch(ClientConnection::isOpen)) {
                return;
            }
            long wakeAt = Math.min(nextTimeoutCheck, now < sendUntil ? sendUntil : Long.MAX_VALUE);
            if (sending && mode == LoadMode.FIXED_RATE) {
                wakeAt = Math.min(wakeAt, earliestDue());
            }
            waitFor(wakeAt - System.nanoTime());
            handleReady();
        }
    }

    private void sendDue(long now) {
        for (ClientConnection c : connections) {
            // One message in flight per connection: a late reply delays this connection's next send,
            // and the latency measured from nextDue charges that delay to the message (CO correction).
            if (c.isOpen() && !c.inFlight() && c.nextDue <= now && c.nextDue < sendUntil) {
                send(c, now, false);
            }
        }
    }

    /** Fixed rate: whether some open connection still has a message due before the window's end. */
    private boolean anyDueBeforeEnd() {
        for (ClientConnection c : connections) {
            if (c.isOpen() && c.nextDue < sendUntil) {
                return true;
            }
        }
        return false;
    }

    private long earliestDue() {
        long earliest = Long.MAX_VALUE;
        for (ClientConnection c : connections) {
            if (c.isOpen() && !c.inFlight() && c.nextDue < sendUntil) {
                earliest = Math.min(earliest, c.nextDue);
            }
        }
        return earliest;
    }

    private void send(ClientConnection c, long now, boolean closedLoop) {
        try {
            if (closedLoop) {
                c.start(now, now);
            } else {
                c.start(c.nextDue, now);
                c.scheduleIndex++;
                c.nextDue = start + c.phase + (long) (c.scheduleIndex * intervalNanos);
            }
        } catch (IOException e) {
            fail(c, e);
        }
    }

    private void waitFor(long nanos) throws IOException {
        if (nanos <= 0) {
            selector.selectNow();
        } else if (nanos >= FINE_WAIT_NANOS) {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) - 1));
        } else if (selector.selectNow() == 0) {
            LockSupport.parkNanos(Math.min(nanos, PARK_STEP_NANOS));
        }
    }

    private void handleReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            ClientConnection c = (ClientConnection) key.attachment();
            if (!key.isValid() || !c.isOpen()) {
                continue;
            }
            try {
                if (key.isWritable()) {
                    c.write();
                }
                if (key.isReadable()) {
                    long now = System.nanoTime();
                    if (c.read(recorder, now) && mode == LoadMode.CLOSED_LOOP && now < sendUntil) {
                        send(c, now, true);
                    }
                }
            } catch (IOException e) {
                fail(c, e);
            }
        }
    }

    private void expire(long now) {
        for (ClientConnection c : connections) {
            if (c.isOpen() && c.inFlight() && now - c.sentAt() > timeoutNanos) {
                recorder.error(ErrorKind.TIMEOUT, "no full echo within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                        + " ms");
                c.close();
            }
        }
    }

    private boolean anyInFlight() {
        for (ClientConnection c : connections) {
            if (c.isOpen() && c.inFlight()) {
                return true;
            }
        }
        return false;
    }

    private void fail(ClientConnection c, IOException e) {
        ErrorKind kind = e instanceof ClientConnection.EchoException ? ((ClientConnection.EchoException) e).kind
                : ErrorKind.IO;
        recorder.error(kind, e.getMessage() == null ? e.toString() : e.getMessage());
        c.close();
    }
}
