package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.ObjectPool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One selector thread serving its share of the connections. Per connection the cycle is: readable
 * → lease a buffer → read → write back → give the buffer back, so a buffer is held only while
 * the bytes of one read are in flight and idle connections hold none.
 *
 * <ul>
 *   <li><b>Partial writes and back-pressure:</b> if the peer does not take all of a read back, the
 *       connection keeps that one buffer, switches its interest from read to write and reads
 *       nothing more until the rest is out. So a peer that never reads costs one buffer, and its
 *       further bytes wait in the kernel, whose full windows stop the peer.</li>
 *   <li><b>Half-close:</b> reading is only done with nothing pending, so when a read returns EOF
 *       everything the peer sent has been echoed: answer with our FIN and close.</li>
 *   <li><b>Exhaustion (--exhaustion wait):</b> a connection that finds no free buffer stops
 *       reading and joins this loop's {@link WaitQueue}; the loop serves waiters, oldest first,
 *       whenever buffers come back here, and asks the {@link BufferBroker} to wait on the pool for
 *       blocks released on other loops. The loop itself never blocks on the pool.</li>
 *   <li><b>Errors:</b> a reset or any I/O error closes the connection and returns its buffer.</li>
 * </ul>
 *
 * <p>The hot path ({@link #onReady}, {@link #onReadable}, {@link #writePending}) allocates
 * nothing with a pooled backend: the ready-key callback is made once, connections are the keys'
 * attachments, counters are plain fields, and the waiting and registration machinery is on the
 * slow path below it.
 */
final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /**
     * Reads one connection may do per readiness event before the loop moves on: enough to stream a
     * fast sender without a select per read, few enough that it cannot starve its neighbours.
     */
    static final int READS_PER_EVENT = 16;
    /** Idle connections are looked for every idle-timeout/4, but not more often than this... */
    private static final long MIN_IDLE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** ...nor less often than this, so a connection outlives its timeout by at most about a second. */
    private static final long MAX_IDLE_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Selector selector;
    private final BufferSource buffers;
    private final ObjectPool<Connection> connections;
    private final ConnectionCounters connectionCounters;
    /** Null when leases never fail (no pool, or unpooled blocks on exhaustion): nobody ever waits. */
    private final BufferBroker broker;
    private final long idleTimeoutNanos;
    private final long idleTickNanos;
    private final LoopCounters counters = new LoopCounters();
    private final AllocationMeter allocations = new AllocationMeter();
    /** Accepted channels handed over by the acceptor thread, registered by this loop's thread. */
    private final Queue<SocketChannel> arrivals = new ConcurrentLinkedQueue<>();
    /** Blocks the broker got for this loop's waiters; at most one, since it serves one request at a time. */
    private final Queue<Block> handOffs = new ConcurrentLinkedQueue<>();
    private final WaitQueue waiters = new WaitQueue();
    /** Made once, so that {@code select(Consumer)} allocates nothing per ready key. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private volatile boolean running = true;
    /** Whether a request of ours is with the broker (one at a time). */
    private boolean brokerAsked;
    /** nanoTime of the current event, for idle accounting. */
    private long now;
    private long nextIdleCheck;

    EventLoop(BufferSource buffers, ObjectPool<Connection> connections, ConnectionCounters connectionCounters,
              BufferBroker broker, long idleTimeoutNanos) throws IOException {
        this.selector = Selector.open();
        this.buffers = buffers;
        this.connections = connections;
        this.connectionCounters = connectionCounters;
        this.broker = broker;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.idleTickNanos = Math.max(MIN_IDLE_TICK_NANOS, Math.min(MAX_IDLE_TICK_NANOS, idleTimeoutNanos / 4));
    }

    // ---------------------------------------------------------------- other threads

    /** Hands an accepted, non-blocking channel to this loop (acceptor thread). */
    void register(SocketChannel channel) {
        arrivals.add(channel);
        selector.wakeup();
    }

    /** Gives this loop a block for its oldest waiter (broker thread). */
    void handOff(Block block) {
        handOffs.add(block);
        selector.wakeup();
    }

    /** Asks the loop to close its connections and end; {@link #run()} returns soon after. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Releases the selector of a loop that will never run (the server failed to start). */
    void closeUnstarted() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a selector failed", e);
        }
    }

    LoopCounters counters() {
        return counters;
    }

    /** Heap bytes this loop's thread has allocated since it started, or -1 if the JVM cannot tell. */
    long allocatedBytes() {
        return allocations.bytes();
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public void run() {
        allocations.start();
        try {
            long timeoutMillis = idleTimeoutNanos > 0 ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(idleTickNanos)) : 0;
            nextIdleCheck = System.nanoTime() + idleTickNanos;
            while (running) {
                selector.select(onReady, timeoutMillis);
                if (!arrivals.isEmpty()) {
                    registerArrivals();
                }
                if (!handOffs.isEmpty()) {
                    takeHandOff();
                }
                if (!waiters.isEmpty()) {
                    serveWaiters();
                }
                if (idleTimeoutNanos > 0) {
                    closeIdle();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event loop " + Thread.currentThread().getName()
                    + " failed; closing its connections", e);
        } finally {
            allocations.stop(); // before closing everything, so the figure is about serving
            closeAll();
        }
    }

    /** Fast path: one ready key. (The rest of the fast path: {@link #serve} and what it calls.) */
    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (c.waiting) {
            return; // its interest is empty; a stray readiness (e.g. a hang-up) is dealt with once it has a buffer
        }
        now = System.nanoTime();
        serve(c);
    }

    /** Moves bytes for {@code c}; any failure closes that connection only, never the loop. */
    private void serve(Connection c) {
        try {
            if (c.pending > 0) {
                onWritable(c);
            } else {
                onReadable(c);
            }
        } catch (IOException e) {
            // Reset by peer, broken pipe...: the client is gone, and so is the point of echoing to it.
            counters.countReset();
            close(c);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a connection after an unexpected error", e);
            counters.countReset();
            close(c);
        }
    }

    private void onReadable(Connection c) throws IOException {
        for (int reads = 0; reads < READS_PER_EVENT; reads++) {
            // Queue behind earlier waiters even if a block happens to be free: first come, first served.
            if (c.buffer == null && (!waiters.isEmpty() || !buffers.lease(c))) {
                waitForBuffer(c);
                return;
            }
            ByteBuffer buf = c.buffer;
            int room = buf.remaining();
            int n = c.channel.read(buf);
            if (n <= 0) {
                buffers.giveBack(c);
                if (n < 0) {
                    endOfInput(c);
                }
                return;
            }
            c.lastActive = now;
            c.pending = n;
            buf.flip();
            if (!writePending(c)) {
                writeBlocked(c, true); // back-pressure: no more reading until this is out
                return;
            }
            if (n < room) {
                return; // the socket is most likely drained: skip a read that would return 0
            }
        }
    }

    private void onWritable(Connection c) throws IOException {
        if (writePending(c)) {
            writeBlocked(c, false);
        }
    }

    private void writeBlocked(Connection c, boolean blocked) {
        c.writeBlocked = blocked;
        counters.addWriteBlocked(blocked ? 1 : -1);
        setInterest(c, blocked ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Writes what is pending; true iff all of it went out, and then the read is echoed and the buffer given back. */
    private boolean writePending(Connection c) throws IOException {
        ByteBuffer buf = c.buffer;
        if (c.channel.write(buf) > 0) {
            c.lastActive = now;
        }
        if (buf.hasRemaining()) {
            return false;
        }
        counters.echoed(c.pending);
        c.pending = 0;
        buffers.giveBack(c);
        return true;
    }

    /** The peer sent FIN; since we read only with nothing pending, all it sent is echoed: send ours. */
    private void endOfInput(Connection c) throws IOException {
        c.channel.shutdownOutput();
        counters.countClosedByPeer();
        close(c);
    }

    private void setInterest(Connection c, int ops) {
        if (c.interest != ops) {
            c.interest = ops;
            c.key.interestOps(ops);
        }
    }

    /** Closes the connection and gives back everything it holds: buffer, wait-queue place, state object. */
    private void close(Connection c) {
        if (c.waiting) {
            waiters.remove(c);
            counters.addWaiting(-1);
        }
        if (c.writeBlocked) {
            c.writeBlocked = false;
            counters.addWriteBlocked(-1);
        }
        if (c.buffer != null) {
            buffers.giveBack(c);
        }
        c.key.cancel();
        closeQuietly(c.channel);
        connectionCounters.closed();
        connections.release(c);
    }

    // ---------------------------------------------------------------- slow path: waiting for buffers

    /** No buffer for {@code c}: stop reading it (its bytes wait in the kernel) until one comes back. */
    private void waitForBuffer(Connection c) {
        setInterest(c, 0);
        waiters.add(c);
        counters.countBufferWait();
        counters.addWaiting(1);
        askBroker();
    }

    private void askBroker() {
        if (!brokerAsked) {
            brokerAsked = true;
            broker.request(this);
        }
    }

    /** Serves waiters, oldest first, while buffers can be leased; each waiter once per call, so select is not starved. */
    private void serveWaiters() {
        for (int turns = waiters.size(); turns > 0; turns--) {
            Connection c = waiters.peek();
            if (c == null || !buffers.lease(c)) {
                return;
            }
            waiters.remove(c);
            counters.addWaiting(-1);
            resume(c);
        }
    }

    private void takeHandOff() {
        Block b = handOffs.poll();
        if (b == null) {
            return;
        }
        brokerAsked = false;
        Connection c = waiters.poll();
        if (c == null) {
            broker.giveBack(b); // every waiter was served meanwhile by blocks released on this loop
        } else {
            counters.addWaiting(-1);
            c.lease(b);
            resume(c);
        }
        if (!waiters.isEmpty()) {
            askBroker();
        }
    }

    /** {@code c} has a buffer again: read into it now, since it was readable when it started waiting. */
    private void resume(Connection c) {
        now = System.nanoTime();
        c.lastActive = now; // the wait was the server's doing, not the client's idleness
        setInterest(c, SelectionKey.OP_READ);
        serve(c);
    }

    // ---------------------------------------------------------------- slow path: arrivals, idle, shutdown

    private void registerArrivals() {
        SocketChannel ch;
        while ((ch = arrivals.poll()) != null) {
            Connection c = connections.acquire();
            try {
                c.open(ch, ch.register(selector, SelectionKey.OP_READ, c), System.nanoTime());
            } catch (IOException e) { // closed before we got to it
                connections.release(c);
                closeQuietly(ch);
                connectionCounters.closed();
            }
        }
    }

    private void closeIdle() {
        long t = System.nanoTime();
        if (t - nextIdleCheck < 0) {
            return;
        }
        nextIdleCheck = t + idleTickNanos;
        // Cancelling keys while iterating is safe: the key set changes only inside select().
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (key.isValid() && !c.waiting && t - c.lastActive > idleTimeoutNanos) {
                counters.countTimedOut();
                close(c);
            }
        }
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.isValid()) {
                    close((Connection) key.attachment());
                }
            }
            SocketChannel ch;
            while ((ch = arrivals.poll()) != null) {
                closeQuietly(ch);
                connectionCounters.closed();
            }
            Block b;
            while ((b = handOffs.poll()) != null) {
                broker.giveBack(b);
            }
        } finally {
            try {
                selector.close(); // deregisters the cancelled keys, which really closes their sockets
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a selector failed", e);
            }
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Nothing more can be done for a socket that fails to close; it is gone for us either way.
        }
    }
}
