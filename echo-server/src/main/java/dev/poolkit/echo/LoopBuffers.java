package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolStats;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --pool loop-buffer}, the realistic unpooled design: one direct read buffer per event loop,
 * lent to whichever connection the loop serves, and an echo the peer does not take at once has its
 * unsent tail copied to a heap array of exactly that size. This is what a hand-written NIO server
 * without a pool does, so "should I pool?" is answered against it rather than against a fresh
 * buffer per read ({@link FreshBuffers}).
 *
 * <p>A loop serves one connection at a time and gives the buffer back before it moves on (or
 * spills the tail, which frees it), so one buffer per loop thread suffices. The loop's buffer is
 * found through a {@link ThreadLocal}: the loops are long-lived platform threads, so there is one
 * per loop, made on its first read. Under {@code --io virtual-threads} each connection is a thread
 * of its own, so each gets one buffer for its life: the thread-per-connection server's way without
 * a pool. Should the buffer be out when a lease comes (a caller that
 * breaks that rule), the lease gets a fresh heap buffer instead, counted as a miss, rather than
 * two connections sharing one buffer.
 */
final class LoopBuffers implements BufferSource {
    private final int blockSize;
    private final ThreadLocal<Slot> slots;
    private final LongAdder loops = new LongAdder();
    private final LongAdder leases = new LongAdder();
    private final LongAdder spills = new LongAdder();
    private final LongAdder strays = new LongAdder();

    /** One loop's buffer and whether it is lent out; touched by that loop only. */
    private static final class Slot {
        final ByteBuffer buffer;
        boolean out;

        Slot(ByteBuffer buffer) {
            this.buffer = buffer;
        }
    }

    LoopBuffers(int blockSize) {
        this.blockSize = blockSize;
        this.slots = ThreadLocal.withInitial(() -> {
            loops.increment();
            return new Slot(ByteBuffer.allocateDirect(blockSize));
        });
    }

    @Override
    public boolean lease(Connection c) {
        Slot s = slots.get();
        leases.increment();
        if (s.out) {
            strays.increment(); // slow path, never taken by the event loops: see the class comment
            c.buffer = ByteBuffer.allocate(blockSize);
            return true;
        }
        s.out = true;
        s.buffer.clear();
        c.buffer = s.buffer;
        return true;
    }

    @Override
    public void giveBack(Connection c) {
        ByteBuffer b = c.buffer;
        c.unlease();
        Slot s = slots.get();
        if (b == s.buffer) {
            s.out = false;
        }
    }

    @Override
    public void spill(Connection c) {
        // The unsent tail moves to a right-sized heap array; the loop's buffer is free again.
        ByteBuffer b = c.buffer;
        ByteBuffer tail = ByteBuffer.allocate(b.remaining());
        tail.put(b).flip();
        spills.increment();
        Slot s = slots.get();
        if (b == s.buffer) {
            s.out = false;
        }
        c.spillTo(tail);
    }

    @Override
    public boolean scarce() {
        return false;
    }

    @Override
    public BlockPool pool() {
        return null;
    }

    @Override
    public PoolStats stats() {
        long acquires = leases.sum();
        long made = loops.sum() + strays.sum() + spills.sum();
        // Every lease is handed back (the loop's buffer) or spilled (the copy is the connection's own).
        return new PoolStats(acquires, acquires, made, 0, spills.sum() + strays.sum(), 0, loops.sum());
    }

    @Override
    public long outstanding() {
        return 0; // the loops' buffers are never the connections' to lose
    }

    @Override
    public String describeOutstanding() {
        return "no pool (" + EchoConfig.LOOP_BUFFER + "): one buffer per event loop, none outstanding";
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "one " + blockSize + "-byte direct buffer per event loop, unsent tails copied to the heap (no pool)";
    }
}
