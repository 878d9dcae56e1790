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
 * <p>Buffer lease: {@link #buffer} is non-null only while a read is being echoed (or while the
 * bytes of one wait to be written back), so idle connections hold no memory from the pool.
 */
final class Connection {
    SocketChannel channel;
    SelectionKey key;
    /** The interest set last given to {@link #key}, so unchanged interest costs no selector update. */
    int interest;
    /** The leased block; null when the buffer is not pooled ({@code --pool none}) or nothing is leased. */
    Block block;
    /** The leased buffer, null iff nothing is leased. While bytes are pending it is in read mode. */
    ByteBuffer buffer;
    /** Size of the read being echoed; it counts as echoed once all of it is written back. */
    int pending;
    /** True while the peer does not take our echo: interest is write-only and nothing is read. */
    boolean writeBlocked;
    /** {@link System#nanoTime()} (as of the loop's last wake-up) of the last byte moved either way. */
    long lastActive;

    // The owning loop's FIFO of connections waiting for a buffer (intrusive: no node allocation).
    boolean waiting;
    Connection prevWaiter;
    Connection nextWaiter;

    void open(SocketChannel channel, SelectionKey key, long now) {
        this.channel = channel;
        this.key = key;
        this.interest = key.interestOps();
        this.lastActive = now;
    }

    void lease(Block block) {
        this.block = block;
        this.buffer = block.buffer();
    }

    /** Forgets the lease and returns the block that was leased (null for an unpooled buffer). */
    Block unlease() {
        Block b = block;
        block = null;
        buffer = null;
        return b;
    }

    /** The ObjectPool's reset: a released connection keeps no reference to its channel or buffer. */
    void reset() {
        assert buffer == null && !waiting && !writeBlocked : "connection released while still counted as busy";
        channel = null;
        key = null;
        interest = 0;
        block = null;
        buffer = null;
        pending = 0;
        writeBlocked = false;
        lastActive = 0;
        waiting = false;
        prevWaiter = null;
        nextWaiter = null;
    }
}
