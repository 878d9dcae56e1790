package dev.poolkit.echo;

import dev.poolkit.api.Block;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What the server keeps for one client: the seed's connection object, taken from an
 * {@code ObjectPool} on accept and given back (reset) on close. Touched only by the thread of the
 * {@link EventLoop} that owns the connection, so nothing here is synchronised.
 *
 * <p>Buffer: {@link #buffer} is non-null only while the loop serves one readiness event of this
 * connection, or while an echo waits for the client to take it ({@link #writeBlocked}). A stalled
 * echo first keeps its leased block; after {@code --spill-after} (or at once when buffers are
 * scarce) its unsent tail moves to a heap buffer of its own ({@link #spilled}) and the block goes
 * back. So idle connections hold nothing, and stalled ones hold no pool memory for long.
 */
final class Connection {
    SocketChannel channel;
    SelectionKey key;
    /** The interest set last given to {@link #key}, so unchanged interest costs no selector update. */
    int interest;
    /** The leased pool block; null when nothing is leased, or the buffer is not pool memory. */
    Block block;
    /** The buffer being read into or written from; null iff the connection holds none. */
    ByteBuffer buffer;
    /** True iff {@link #buffer} is this connection's own heap copy of an unsent tail (no lease). */
    boolean spilled;
    /** Size of the read being echoed; it counts as echoed once all of it is written back. */
    int pending;
    /** True while the peer does not take our echo: interest is write-only and nothing is read. */
    boolean writeBlocked;
    /** {@link System#nanoTime()} when the current echo stopped going out (valid while writeBlocked). */
    long stalledSince;
    /** {@link System#nanoTime()} (as of the loop's last wake-up) of the last byte moved either way. */
    long lastActive;
    /** With --block-sizes: the class of the next lease (-1: none chosen yet), and small reads in a row. */
    int sizeClass = -1;
    int smallReads;

    /**
     * {@link IoModel#VIRTUAL_THREADS}: the one byte a connection's thread blocks reading while it
     * holds no pool block. Direct, so the blocking read needs no temporary copy buffer; made once
     * per pooled connection object, on first use.
     */
    private ByteBuffer lookAhead;

    // The owning loop's queue this connection is in, if any, and its links there.
    ConnectionQueue queue;
    Connection prev;
    Connection next;

    void open(SocketChannel channel, SelectionKey key, long now) {
        this.channel = channel;
        this.key = key;
        this.interest = key.interestOps();
        this.lastActive = now;
    }

    ByteBuffer lookAhead() {
        if (lookAhead == null) {
            lookAhead = ByteBuffer.allocateDirect(1);
        }
        return lookAhead;
    }

    void lease(Block block) {
        this.block = block;
        this.buffer = block.buffer();
    }

    /** Forgets the buffer and returns the block that was leased (null for a buffer that is not pool memory). */
    Block unlease() {
        Block b = block;
        block = null;
        buffer = null;
        spilled = false;
        return b;
    }

    /** From now on the unsent tail is {@code heap}, which belongs to this connection alone. */
    void spillTo(ByteBuffer heap) {
        block = null;
        buffer = heap;
        spilled = true;
    }

    /** The ObjectPool's reset: a released connection keeps no reference to its channel or buffer. */
    void reset() {
        assert buffer == null && queue == null && !writeBlocked : "connection released while still counted as busy";
        channel = null;
        key = null;
        interest = 0;
        block = null;
        buffer = null;
        spilled = false;
        pending = 0;
        writeBlocked = false;
        stalledSince = 0;
        lastActive = 0;
        sizeClass = -1;
        smallReads = 0;
        queue = null;
        prev = null;
        next = null;
    }
}
