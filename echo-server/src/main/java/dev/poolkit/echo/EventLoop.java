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
 * One selector thread serving its share of the connections. Per readiness event of a connection
 * the cycle is: lease one buffer → read, write back, read again into the same buffer (up to
 * {@link #READS_PER_EVENT} reads) → give the buffer back. So a buffer is held while the loop serves
 * one event, and idle connections hold none.
 *
 * <ul>
 *   <li><b>Back-pressure:</b> if the peer does not take all of an echo back, the connection keeps
 *       its buffer, switches its interest from read to write and reads nothing more until the rest
 *       is out; its further bytes wait in the kernel, whose full windows stop the peer.</li>
 *   <li><b>No pinning:</b> a stalled connection keeps its pool block for at most
 *       {@code --spill-after}, and not at all while buffers are scarce (a connection waits for
 *       one, or heap fallbacks are out): then the unsent tail, at most one block, moves to a heap
 *       buffer of its own and the block goes back ({@link #spill}). An echo not taken in full within
 *       {@code --write-timeout} closes the connection.</li>
 *   <li><b>Half-close:</b> reading is only done with nothing pending, so when a read returns EOF
 *       everything the peer sent has been echoed: answer with our FIN and close.</li>
 *   <li><b>Exhaustion (--exhaustion wait):</b> a connection that finds no free buffer stops
 *       reading and joins this loop's waiters; the loop serves waiters, oldest first, whenever
 *       buffers come back here, and asks the {@link BufferBroker} to wait on the pool for blocks
 *       released on other loops. The loop itself never blocks on the pool.</li>
 *   <li><b>Drain:</b> once asked to, the loop closes each connection with our FIN as soon as it is
 *       quiescent: nothing pending, silent for {@link #DRAIN_QUIET_NANOS}, and a last read finds
 *       nothing, so every byte its client sent is echoed.</li>
 *   <li><b>Errors:</b> a reset or any I/O error closes that connection; an unexpected exception
 *       too (counted as an error). Any other {@code Throwable} ends the loop: it closes all its
 *       connections, gives every buffer back and lets its {@link LoopSupervisor} replace it.</li>
 * </ul>
 *
 * <p>The hot path ({@link #onReady}, {@link #onReadable}, {@link #writePending}) allocates
 * nothing with a pooled backend: the ready-key callback is made once, connections are the keys'
 * attachments, counters are plain fields, and waiting, spilling, draining and registration are on
 * the slow path below it.
 */
final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /**
     * Reads one connection may do per readiness event before the loop moves on: enough to stream a
     * fast sender without a select per read, few enough that it cannot starve its neighbours.
     */
    static final int READS_PER_EVENT = 16;
    /** Timeouts are looked for every (shortest timeout)/4, but not more often than this... */
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** ...nor less often than this, so a connection outlives its timeout by at most about a second. */
    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * While draining, a connection with nothing in flight that has moved no byte for this long is
     * done for now, and our FIN tells it so. Longer than a round trip on nearly any network, so a
     * client between two messages of one exchange is not cut off; short enough not to hold up the
     * shutdown of idle connections.
     */
    static final long DRAIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** While draining, connections are checked for {@link #DRAIN_QUIET_NANOS} of silence this often. */
    private static final long DRAIN_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** This loop's slot among the server's loops (its replacement takes the same one). */
    final int index;
    private final Thread thread;
    private final Selector selector;
    private final BufferSource buffers;
    private final ObjectPool<Connection> connections;
    private final ConnectionCounters connectionCounters;
    /** Null when leases never fail (no pool, or heap buffers on exhaustion): nobody ever waits. */
    private final BufferBroker broker;
    private final LoopSupervisor supervisor;
    private final long idleTimeoutNanos;
    private final long writeTimeoutNanos;
    private final long spillAfterNanos;
    private final long tickNanos;
    private final LoopCounters counters = new LoopCounters();
    private final AllocationMeter allocations = new AllocationMeter();
    /** Accepted channels handed over by the acceptor thread, registered by this loop's thread. */
    private final Queue<SocketChannel> arrivals = new ConcurrentLinkedQueue<>();
    /** Blocks the broker got for this loop's waiters; at most one, since it serves one request at a time. */
    private final Queue<Block> handOffs = new ConcurrentLinkedQueue<>();
    private final ConnectionQueue waiters = new ConnectionQueue();
    /** Write-blocked connections still holding a pool block, oldest stall first. */
    private final ConnectionQueue holders = new ConnectionQueue();
    /** Made once, so that {@code select(Consumer)} allocates nothing per ready key. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private volatile boolean stopRequested;
    private volatile boolean drainRequested;
    /** Set by the broker when the pool is empty: give back every block a stalled echo holds. */
    private volatile boolean spillRequested;
    /** Set once the loop has ended (stopped or failed): from then on it takes nothing new. */
    private volatile boolean ended;
    private boolean draining;
    /** Whether a request of ours is with the broker (one at a time). */
    private boolean brokerAsked;
    /** nanoTime of the current event. */
    private long now;
    private long nextTick;
    private long nextDrainPass;

    EventLoop(int index, String threadName, EchoConfig config, BufferSource buffers,
              ObjectPool<Connection> connections, ConnectionCounters connectionCounters, BufferBroker broker,
              LoopSupervisor supervisor) throws IOException {
        this.index = index;
        this.selector = Selector.open();
        this.buffers = buffers;
        this.connections = connections;
        this.connectionCounters = connectionCounters;
        this.broker = broker;
        this.supervisor = supervisor;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.spillAfterNanos = config.spillAfter().toNanos();
        long shortest = Math.min(idleTimeoutNanos > 0 ? idleTimeoutNanos : Long.MAX_VALUE,
                writeTimeoutNanos > 0 ? writeTimeoutNanos : Long.MAX_VALUE);
        this.tickNanos = shortest == Long.MAX_VALUE ? 0 : Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortest / 4));
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true); // the process lives as long as its main thread waits, not because of these
    }

    // ---------------------------------------------------------------- other threads

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /**
     * Hands an accepted, non-blocking channel to this loop (acceptor thread).
     *
     * @return false iff the loop has ended, and then the channel is still the caller's
     */
    boolean register(SocketChannel channel) {
        arrivals.add(channel);
        // Ended meanwhile: whichever of us takes the channel out of the queue owns it (the ending
        // loop sets `ended` before it empties the queue, so one of us sees the other).
        if (ended && arrivals.remove(channel)) {
            return false;
        }
        selector.wakeup();
        return true;
    }

    /**
     * Gives this loop a block for its oldest waiter (broker thread).
     *
     * @return false iff the loop has ended, and then the block is still the caller's
     */
    boolean handOff(Block block) {
        handOffs.add(block);
        if (ended && handOffs.remove(block)) {
            return false;
        }
        selector.wakeup();
        return true;
    }

    /** Asks the loop to spill every stalled echo that holds a pool block (broker thread; slow path). */
    void requestSpill() {
        if (!spillRequested) {
            spillRequested = true;
            selector.wakeup();
        }
    }

    /** Asks the loop to close each connection once everything its client sent is echoed. */
    void drain() {
        drainRequested = true;
        selector.wakeup();
    }

    /** Asks the loop to close its connections and end; {@link #run()} returns soon after. */
    void stop() {
        stopRequested = true;
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

    /** Every counter now; gauges are zero once the loop has ended. */
    LoopTotals totals() {
        return counters.snapshot(allocations.bytes());
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public void run() {
        allocations.start();
        Throwable failure = null;
        try {
            serveUntilStopped();
        } catch (Throwable t) { // anything: a loop that dies silently would leave its connections unserved
            failure = t;
        } finally {
            allocations.stop(); // before closing everything, so the figure is about serving
            end(failure);
        }
    }

    private void serveUntilStopped() throws IOException {
        now = System.nanoTime();
        nextTick = now + tickNanos;
        while (!stopRequested) {
            selector.select(onReady, selectTimeoutMillis());
            now = System.nanoTime();
            if (!arrivals.isEmpty()) {
                registerArrivals();
            }
            if (!handOffs.isEmpty()) {
                takeHandOff();
            }
            if (!waiters.isEmpty()) {
                serveWaiters();
            }
            if (spillRequested) {
                spillRequested = false;
                spillAll();
            } else if (!holders.isEmpty()) {
                spillDue();
            }
            if (drainRequested && (!draining || now - nextDrainPass >= 0)) {
                drainPass();
            }
            if (tickNanos > 0 && now - nextTick >= 0) {
                closeTimedOut();
            }
        }
    }

    /** Until the next timed duty (0 = none: sleep until woken). */
    private long selectTimeoutMillis() {
        long wait = tickNanos > 0 ? nextTick - now : Long.MAX_VALUE;
        if (!holders.isEmpty()) {
            wait = Math.min(wait, holders.peek().stalledSince + spillAfterNanos - now);
        }
        if (draining) {
            wait = Math.min(wait, nextDrainPass - now);
        }
        if (wait == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + TimeUnit.MILLISECONDS.toNanos(1) - 1));
    }

    /** Fast path: one ready key. (The rest of the fast path: {@link #serve} and what it calls.) */
    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (c.queue == waiters) {
            return; // its interest is empty; a stray readiness (e.g. a hang-up) is dealt with once it has a buffer
        }
        now = System.nanoTime();
        serve(c);
    }

    /** Moves bytes for {@code c}; an I/O error or exception closes that connection only, never the loop. */
    private void serve(Connection c) {
        try {
            if (c.writeBlocked) {
                onWritable(c);
            } else {
                onReadable(c);
            }
        } catch (IOException e) {
            // Reset by peer, broken pipe...: the client is gone, and so is the point of echoing to it.
            counters.countReset();
            close(c);
        } catch (RuntimeException e) {
            unexpected("serving a connection", e);
            close(c);
        }
    }

    private void onReadable(Connection c) throws IOException {
        if (c.buffer == null && !lease(c)) {
            return;
        }
        ByteBuffer buf = c.buffer;
        for (int reads = 1; ; reads++) {
            int room = buf.remaining();
            int n = c.channel.read(buf);
            if (n <= 0) {
                buffers.giveBack(c);
                if (n < 0) {
                    endOfInput(c);
                } else if (draining && now - c.lastActive >= DRAIN_QUIET_NANOS) {
                    drained(c);
                } else {
                    setInterest(c, SelectionKey.OP_READ);
                }
                return;
            }
            c.lastActive = now;
            c.pending = n;
            buffers.read(c, n, room);
            buf.flip();
            if (!writePending(c)) {
                stalled(c);
                return;
            }
            // n < room: the socket is most likely drained, so skip a read that would return 0.
            if (n < room || reads == READS_PER_EVENT) {
                buffers.giveBack(c);
                setInterest(c, SelectionKey.OP_READ);
                return;
            }
            buf.clear(); // the same lease for the next read of this event
        }
    }

    /** Writes what is pending; true iff all of it went out, and then the read counts as echoed. */
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
        return true;
    }

    private void onWritable(Connection c) throws IOException {
        if (!writePending(c)) {
            return;
        }
        c.writeBlocked = false;
        counters.addWriteBlocked(-1);
        holders.remove(c);
        if (c.spilled) {
            dropSpill(c);
        } else {
            c.buffer.clear(); // still leased: read on with it
        }
        onReadable(c); // its client has most likely sent more while it was blocked
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

    // ---------------------------------------------------------------- slow path: stalls and spills

    /** The peer is not taking the echo: wait for it to, keeping the block only while nobody needs it. */
    private void stalled(Connection c) {
        c.writeBlocked = true;
        c.stalledSince = now;
        counters.addWriteBlocked(1);
        setInterest(c, SelectionKey.OP_WRITE);
        if (c.block == null || spillAfterNanos == 0 || scarce()) {
            spill(c); // not pool memory (nothing to give back, so no copy), or the pool needs it now
        } else {
            holders.add(c);
        }
    }

    /** Whether some connection needs a buffer now: then no stalled echo may keep one. */
    private boolean scarce() {
        return !waiters.isEmpty() || buffers.scarce() || (broker != null && broker.busy());
    }

    private void spillDue() {
        boolean scarce = scarce();
        for (Connection c = holders.peek(); c != null; c = holders.peek()) {
            if (!scarce && now - c.stalledSince < spillAfterNanos) {
                return;
            }
            spill(c);
        }
    }

    private void spillAll() {
        for (Connection c = holders.peek(); c != null; c = holders.peek()) {
            spill(c);
        }
    }

    /** Moves {@code c}'s unsent tail to the heap and gives its block back. */
    private void spill(Connection c) {
        holders.remove(c);
        counters.spillStarting();
        buffers.spill(c);
        counters.spillHeld(c.buffer.capacity());
    }

    private void dropSpill(Connection c) {
        counters.spilled(-c.buffer.capacity());
        c.unlease();
    }

    // ---------------------------------------------------------------- slow path: waiting for buffers

    private boolean lease(Connection c) {
        // First come, first served: queue behind earlier waiters even if a block happens to be free.
        if (waiters.isEmpty()) {
            if (buffers.lease(c)) {
                return true;
            }
            if (!holders.isEmpty()) { // blocks held by stalled echoes here: free them first
                spillAll();
                if (buffers.lease(c)) {
                    return true;
                }
            }
        }
        waitForBuffer(c);
        return false;
    }

    /** No buffer for {@code c}: stop reading it (its bytes wait in the kernel) until one comes back. */
    private void waitForBuffer(Connection c) {
        setInterest(c, 0);
        waiters.add(c);
        counters.countBufferWait();
        counters.addWaiting(1);
        broker.waiterAdded();
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
            resume(c);
        }
    }

    private void takeHandOff() {
        Block b = handOffs.poll();
        if (b == null) {
            return;
        }
        brokerAsked = false;
        Connection c = waiters.peek();
        if (c == null) {
            broker.giveBack(b); // every waiter was served meanwhile by blocks released on this loop
        } else {
            c.lease(b);
            resume(c);
        }
        if (!waiters.isEmpty()) {
            askBroker();
        }
    }

    /** {@code c} has a buffer again: read into it now, since it was readable when it started waiting. */
    private void resume(Connection c) {
        waiters.remove(c);
        counters.addWaiting(-1);
        broker.waiterGone();
        now = System.nanoTime();
        c.lastActive = now; // the wait was the server's doing, not the client's idleness
        serve(c);
    }

    // ---------------------------------------------------------------- slow path: arrivals, timeouts, drain

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

    private void closeTimedOut() {
        nextTick = now + tickNanos;
        // Cancelling keys while iterating is safe: the key set changes only inside select() and register().
        for (SelectionKey key : selector.keys()) {
            if (!key.isValid()) {
                continue;
            }
            Connection c = (Connection) key.attachment();
            if (writeTimeoutNanos > 0 && c.writeBlocked && now - c.stalledSince > writeTimeoutNanos) {
                counters.countWriteTimedOut();
                close(c);
            } else if (idleTimeoutNanos > 0 && c.queue != waiters && now - c.lastActive > idleTimeoutNanos) {
                counters.countTimedOut();
                close(c);
            }
        }
    }

    /**
     * Gives every connection with nothing in flight that has been silent for
     * {@link #DRAIN_QUIET_NANOS} a last read: if it finds nothing, the connection is closed
     * ({@link #drained}); if it finds bytes, they are echoed and the connection goes on.
     */
    private void drainPass() {
        draining = true;
        nextDrainPass = now + DRAIN_PASS_NANOS;
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (key.isValid() && c.buffer == null && c.queue == null && !c.writeBlocked
                    && now - c.lastActive >= DRAIN_QUIET_NANOS) {
                serve(c);
            }
        }
    }

    /** Quiescent while draining: every byte its client sent is echoed; say so with our FIN. */
    private void drained(Connection c) throws IOException {
        c.channel.shutdownOutput();
        counters.countDrained();
        close(c);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the connection and gives back everything it holds: buffer, queue place, state object.
     * Every step is taken even when an earlier one throws; an exception is logged and counted as an
     * error, and an {@code Error} is rethrown once all is done (it ends the loop).
     */
    private void close(Connection c) {
        c.key.cancel(); // first: a key that is no longer valid is never served or closed again
        if (c.queue == waiters) {
            counters.addWaiting(-1);
            broker.waiterGone();
        }
        if (c.queue != null) {
            c.queue.remove(c);
        }
        if (c.writeBlocked) {
            c.writeBlocked = false;
            counters.addWriteBlocked(-1);
        }
        Throwable failure = null;
        try {
            if (c.spilled) {
                dropSpill(c);
            } else if (c.buffer != null) {
                buffers.giveBack(c);
            }
        } catch (Throwable t) {
            c.unlease(); // whatever state the block is in, it must not be given back twice
            failure = t;
        }
        try {
            closeQuietly(c.channel);
        } catch (Throwable t) {
            failure = chain(failure, t);
        }
        try {
            connections.release(c);
        } catch (Throwable t) {
            failure = chain(failure, t);
        }
        if (failure != null && !(failure instanceof Error)) {
            unexpected("closing a connection", failure);
        }
        // Last: whoever sees this connection counted as closed also sees the error its close counted.
        connectionCounters.closed();
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    private static Throwable chain(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void unexpected(String what, Throwable t) {
        counters.countError();
        LOG.log(System.Logger.Level.WARNING, "unexpected error " + what + " on " + thread.getName()
                + "; that connection is closed, the loop goes on", t);
    }

    /**
     * The loop is over: if it failed, the supervisor first installs its successor, then this loop
     * closes every connection (counted as aborted after a failure, as cut after a stop), hands the
     * channels not yet registered to the successor and gives back every buffer.
     */
    private void end(Throwable failure) {
        EventLoop successor = null;
        try {
            if (failure != null) {
                successor = supervisor.failed(this, failure);
            }
        } finally {
            ended = true; // after the successor is installed: the acceptor retries on it
            closeAll(failure != null, successor);
        }
    }

    private void closeAll(boolean aborted, EventLoop successor) {
        Throwable failure = null;
        try {
            for (SelectionKey key : selector.keys()) {
                if (!key.isValid()) {
                    continue;
                }
                try {
                    if (aborted) {
                        counters.countAborted();
                    } else {
                        counters.countCut();
                    }
                    close((Connection) key.attachment());
                } catch (Throwable t) { // one connection's failure must not strand the others
                    failure = chain(failure, t);
                }
            }
        } catch (Throwable t) { // e.g. a selector that is itself broken
            failure = chain(failure, t);
        }
        SocketChannel ch;
        while ((ch = arrivals.poll()) != null) {
            if (successor == null || !successor.register(ch)) {
                closeQuietly(ch);
                connectionCounters.closed();
                counters.countCut();
            }
        }
        Block b;
        while ((b = handOffs.poll()) != null) {
            try {
                broker.giveBack(b);
            } catch (Throwable t) {
                failure = chain(failure, t);
            }
        }
        try {
            selector.close(); // deregisters the cancelled keys, which really closes their sockets
        } catch (Throwable t) {
            failure = chain(failure, t);
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "closing the connections of " + thread.getName() + " failed", failure);
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // A connection that fails to close; it is gone for us either way.
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
