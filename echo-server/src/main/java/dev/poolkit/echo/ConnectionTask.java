package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolInterruptedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection served by a virtual thread of its own ({@link ThreadPerConnection}), the seed's
 * goroutine per connection, under the rules of {@link EventLoop}:
 *
 * <ul>
 *   <li><b>Idle connections hold no buffer:</b> the thread blocks reading one byte into the
 *       connection's own one-byte buffer; only once a byte has come does it lease a block, put
 *       the byte in and read on without blocking (up to {@link EventLoop#READS_PER_EVENT} reads
 *       into that lease), echoing each read, then gives the block back and blocks again.</li>
 *   <li><b>Back-pressure:</b> nothing is read while an echo is not out, so a client that stops
 *       reading is stopped by its full windows.</li>
 *   <li><b>No pinning:</b> an echo that does not go out at once keeps its block for at most
 *       {@code --spill-after}, and not at all while a connection waits for a buffer; then its
 *       unsent tail moves to the heap and the block goes back. The thread waits for the socket
 *       through the {@link WritableWatcher} with that deadline, since a blocking write could not
 *       let go of its buffer. An echo not taken within {@code --write-timeout} closes the
 *       connection.</li>
 *   <li><b>Timeouts and drain:</b> the {@link ThreadPerConnection}'s reaper closes a connection
 *       whose thread has blocked in its read for {@code --idle-timeout}, and while draining one that
 *       has been silent for {@link EventLoop#DRAIN_QUIET_NANOS} (our FIN first): it is blocked in
 *       a read, so every byte its client sent has been echoed.</li>
 * </ul>
 *
 * <p>Who ends a connection decides how it is counted: its own thread (FIN, reset, write timeout,
 * error) or another through {@link #state} (idle timeout, drain, shutdown's cut). This
 * connection's thread writes its {@link LoopCounters}, except the one count of an end another
 * thread made, which that thread writes.
 */
final class ConnectionTask implements Runnable {
    private static final System.Logger LOG = System.getLogger(ConnectionTask.class.getName());

    /** Serving: leasing, echoing or stalled. Only the connection's own thread leaves this state, except for CUT. */
    static final int BUSY = 0;
    /** Blocked in its one-byte read, holding no buffer: the reaper may end it. */
    static final int IDLE = 1;
    // Ended by another thread, which then closes the channel (the thread's I/O fails, and it counts why).
    static final int TIMED_OUT = 2;
    static final int DRAINED = 3;
    static final int CUT = 4;

    private final ThreadPerConnection model;
    private final SocketChannel channel;
    final LoopCounters counters = new LoopCounters();
    private final AtomicInteger state = new AtomicInteger(BUSY);
    /** nanoTime of the last byte moved either way (read by the reaper). */
    private volatile long lastActive = System.nanoTime();
    private volatile Thread thread;
    /** Set by the watcher: the socket takes bytes again. */
    private volatile boolean writable;
    /** Set when buffers are scarce: a stalled echo must give its block back now. */
    private volatile boolean spillRequested;
    private Connection c;

    ConnectionTask(ThreadPerConnection model, SocketChannel channel) {
        this.model = model;
        this.channel = channel;
    }

    // ---------------------------------------------------------------- other threads

    /**
     * Ends the connection from outside if it is in state {@code from} (or, for {@link #CUT}, in any
     * state but ended): true iff this call ended it. Closing the channel wakes the connection's
     * thread wherever it blocks, and it gives back what it holds.
     */
    boolean end(int from, int to) {
        boolean ended = to == CUT ? state.getAndUpdate(s -> s <= IDLE ? CUT : s) <= IDLE : state.compareAndSet(from, to);
        if (!ended) {
            return false;
        }
        // Counted by the thread that ended it, before the client can see the close: this counter's
        // slot has no other writer (the connection's thread counts no end it did not make).
        switch (to) {
            case TIMED_OUT:
                counters.countTimedOut();
                break;
            case DRAINED:
                counters.countDrained();
                break;
            default:
                counters.countCut();
        }
        if (to == DRAINED) {
            try {
                channel.shutdownOutput(); // our FIN: every byte the client sent is echoed
            } catch (IOException e) {
                // the client is gone already; closing is all that is left
            }
        }
        EventLoop.closeQuietly(channel);
        Thread t = thread;
        if (t != null) {
            t.interrupt(); // a thread waiting for a buffer in the pool's acquire()
            LockSupport.unpark(t); // a thread parked on a stalled echo
        }
        return true;
    }

    boolean idle() {
        return state.get() == IDLE;
    }

    long lastActive() {
        return lastActive;
    }

    /** The watcher saw the socket writable. */
    void writable() {
        writable = true;
        signal();
    }

    /** Buffers are scarce: give back the block a stalled echo holds. */
    void requestSpill() {
        spillRequested = true;
        signal();
    }

    /** The connection's thread once it runs, else null; for tests. */
    Thread thread() {
        return thread;
    }

    void signal() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ---------------------------------------------------------------- the connection's thread

    @Override
    public void run() {
        thread = Thread.currentThread();
        Throwable failure = null;
        try {
            c = model.connections().acquire();
            c.channel = channel;
            serve();
        } catch (IOException e) {
            countIfReset(); // reset, broken pipe, or a close by the reaper or the shutdown
        } catch (Throwable t) {
            failure = t;
        } finally {
            finish(failure);
        }
    }

    private void serve() throws IOException {
        ByteBuffer first = c.lookAhead();
        while (true) {
            first.clear();
            if (!state.compareAndSet(BUSY, IDLE)) {
                throw new ClosedChannelException(); // cut meanwhile
            }
            int n = channel.read(first); // blocks, holding no pool memory
            if (!state.compareAndSet(IDLE, BUSY)) {
                throw new ClosedChannelException(); // the reaper or the shutdown ended it as it returned
            }
            if (n < 0) { // FIN; we read only with nothing pending, so all it sent is echoed: send ours
                channel.shutdownOutput();
                counters.countClosedByPeer();
                return;
            }
            lastActive = System.nanoTime();
            if (!echo(first)) {
                return;
            }
        }
    }

    /**
     * Leases a buffer for the byte in {@code first} and what follows it, echoes every read of this
     * turn, and gives the buffer back. False iff the connection is over (FIN echoed, or a timeout).
     */
    private boolean echo(ByteBuffer first) throws IOException {
        if (!lease()) {
            throw new ClosedChannelException(); // cut while waiting for a buffer
        }
        ByteBuffer buf = c.buffer;
        first.flip();
        buf.put(first);
        channel.configureBlocking(false);
        boolean open = true;
        try {
            for (int reads = 1; ; reads++) {
                int room = buf.remaining();
                int n = channel.read(buf);
                if (buf.position() > 0) {
                    c.pending = buf.position();
                    buf.flip();
                    if (!writePending()) {
                        return false; // timed out
                    }
                    if (c.buffer == null) {
                        break; // its tail was spilled: the next read needs a new lease
                    }
                }
                if (n < 0) {
                    channel.shutdownOutput(); // everything it sent is echoed
                    counters.countClosedByPeer();
                    open = false;
                    break;
                }
                // n < room: most likely drained, so skip a read that would return 0.
                if (n < room || reads == EventLoop.READS_PER_EVENT) {
                    break;
                }
                buf = c.buffer;
                buf.clear(); // the same lease for the next read of this turn
            }
        } finally {
            if (c.buffer != null && !c.spilled) {
                model.buffers().giveBack(c);
            }
        }
        if (open) {
            channel.configureBlocking(true);
        }
        return open;
    }

    /** Writes what is pending; true iff all of it went out (now or after a stall), false iff it timed out. */
    private boolean writePending() throws IOException {
        if (channel.write(c.buffer) > 0) {
            lastActive = System.nanoTime();
        }
        if (c.buffer.hasRemaining() && !stalled()) {
            return false;
        }
        counters.echoed(c.pending);
        c.pending = 0;
        if (c.spilled) {
            counters.spilled(-c.buffer.capacity());
            c.unlease();
        }
        return true;
    }

    /** The client is not taking the echo: wait for it, keeping the block only while nobody needs it. */
    private boolean stalled() throws IOException {
        long since = System.nanoTime();
        counters.addWriteBlocked(1);
        try {
            // A request left from an earlier stall is stale: a request is meant for this stall only
            // once this connection is listed as a holder below.
            spillRequested = false;
            if (c.block == null || model.spillAfterNanos() == 0) {
                spill(); // not pool memory (nothing to give back, so no copy), or no holding allowed
            } else {
                // Listed as a holder first, then the check: a connection that starts waiting counts
                // itself, then asks every listed holder to spill; so either it sees this one listed or
                // this one sees it waiting. Checking first would let both miss each other, and the
                // block stay held until --spill-after.
                model.holding(this, true);
                if (model.scarce()) {
                    spill(); // the pool needs it now
                    model.holding(this, false);
                }
            }
            SelectionKey key = model.watcher().watch(channel, this);
            try {
                return awaitWritten(key, since);
            } finally {
                model.watcher().forget(key, this);
                awaitDeregistered();
            }
        } finally {
            model.holding(this, false);
            counters.addWriteBlocked(-1);
        }
    }

    private boolean awaitWritten(SelectionKey key, long since) throws IOException {
        long writeDeadline = model.writeTimeoutNanos() > 0 ? since + model.writeTimeoutNanos() : Long.MAX_VALUE;
        while (true) {
            if (state.get() == CUT) {
                throw new ClosedChannelException();
            }
            long now = System.nanoTime();
            if (c.block != null && (spillRequested || now - since >= model.spillAfterNanos())) {
                spill();
                model.holding(this, false);
            }
            if (writable) {
                writable = false;
                if (channel.write(c.buffer) > 0) {
                    lastActive = System.nanoTime();
                }
                if (!c.buffer.hasRemaining()) {
                    return true;
                }
                model.watcher().rearm(key);
            }
            if (writeDeadline != Long.MAX_VALUE && now - writeDeadline >= 0) {
                counters.countWriteTimedOut();
                return false;
            }
            long wake = writeDeadline;
            if (c.block != null) {
                wake = Math.min(wake, since + model.spillAfterNanos());
            }
            // A spill request counts only while there is a block to give back: one that arrives
            // after the spill (a waiter's spillAll() saw this connection still listed as a holder)
            // must not keep the thread from parking, or it would spin on its carrier until the
            // client reads, and a few such threads would starve every other connection.
            if (!writable && !(spillRequested && c.block != null)) {
                if (wake == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, wake - now);
                }
            }
        }
    }

    /** Until the watcher's selector has let go of the channel, so that it may block again. */
    private void awaitDeregistered() {
        while (channel.isRegistered()) {
            LockSupport.parkNanos(this, ThreadPerConnection.DEREGISTER_SAFETY_NANOS);
        }
    }

    /** Moves the unsent tail to the heap and gives the block back. */
    private void spill() {
        spillRequested = false;
        counters.spillStarting(); // see there: before the block goes back
        model.buffers().spill(c);
        counters.spillHeld(c.buffer.capacity()); // the tail as the buffer source made it
    }

    /** A buffer for this turn: now if one is free and nobody waits, else in the pool's queue; false iff cut. */
    private boolean lease() {
        if (!model.scarce() && model.buffers().lease(c)) {
            return true;
        }
        List<BlockPool> pools = model.buffers().waitPools();
        if (pools.isEmpty()) { // never runs out (no pool, or heap buffers on exhaustion)
            return model.buffers().lease(c);
        }
        counters.countBufferWait();
        counters.addWaiting(1);
        model.waiting(1);
        try {
            if (model.buffers().lease(c)) { // a block came back meanwhile (or nobody waited after all)
                return true;
            }
            model.spillAll(); // blocks held by stalled echoes: given back now, not after --spill-after
            // First come, first served among the waiters; null once the shutdown cut this connection.
            Block b = BufferBroker.acquireFromAny(pools, () -> state.get() == CUT);
            if (b != null) {
                c.lease(b);
                return true;
            }
            return false;
        } catch (PoolInterruptedException | PoolClosedException e) {
            return false; // the shutdown cut this connection (and then closes the pool)
        } finally {
            model.waiting(-1);
            counters.addWaiting(-1);
        }
    }

    /** How the connection ended, when an I/O call failed: a reset, unless another thread ended it (and counted it). */
    private void countIfReset() {
        if (state.get() <= IDLE) {
            counters.countReset();
        }
    }

    /**
     * Gives back everything the connection holds (buffer, connection object), closes it and leaves
     * the model. Every step is taken even when an earlier one throws.
     */
    private void finish(Throwable failure) {
        Thread.interrupted(); // an interrupt from a cut has done its job
        state.set(CUT); // from now on nobody else ends it
        if (failure != null) {
            counters.countError();
            LOG.log(System.Logger.Level.WARNING, "unexpected error serving a connection on " + Thread.currentThread()
                    + "; that connection is closed", failure);
        }
        try {
            if (c != null && c.spilled) {
                counters.spilled(-c.buffer.capacity());
                c.unlease();
            } else if (c != null && c.buffer != null) {
                model.buffers().giveBack(c);
            }
        } catch (Throwable t) {
            c.unlease(); // whatever state the block is in, it must not be given back twice
            failure = chain(failure, t);
        }
        EventLoop.closeQuietly(channel);
        model.ended(this);
        try {
            if (c != null) {
                c.channel = null;
                model.connections().release(c);
            }
        } catch (Throwable t) {
            failure = chain(failure, t);
        }
        if (failure instanceof VirtualMachineError || failure instanceof LinkageError) {
            model.fatal(failure);
        }
    }

    private static Throwable chain(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
