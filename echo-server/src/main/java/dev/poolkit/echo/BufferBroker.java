package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolInterruptedException;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Slow path of {@link BufferExhaustion#WAIT}: the one thread that waits on the pool so that event
 * loops never do. A loop whose connections found no free block asks for one ({@link #request});
 * the broker blocks in {@link BlockPool#acquire()} (configured with
 * {@link BufferExhaustion#BROKER_WAIT}) and hands the block to that loop, which gives it to its
 * oldest waiter.
 *
 * <p>Why a thread rather than loops polling {@code tryAcquire()}: a release on one loop must wake
 * a waiter on another, and the pool already knows how to do that for a thread parked in
 * {@code acquire()}. It also makes blocks cached per thread visible: while the broker waits, a
 * backend with thread-local caches ({@code local}) sends every release to the shared store, where
 * the broker can take it. Requests are served in order, one block each; a loop asks again while it
 * still has waiters. When the pool is empty it asks every loop to spill its stalled echoes (see
 * {@link EventLoop}), and while any connection waits, {@link #busy()} tells the loops that blocks
 * are scarce, so echoes that stall meanwhile give theirs back at once.
 */
final class BufferBroker implements Runnable {
    /** Where a block may come from: the one pool, or every size class (see {@link BufferSource#waitPools}). */
    private final List<BlockPool> pools;
    private final ServerFailure server;
    private final BlockingQueue<EventLoop> requests = new LinkedBlockingQueue<>();
    /** Connections waiting for a buffer, on every loop. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Asks every loop to give back the blocks its stalled echoes hold; set once the loops exist. */
    private volatile Runnable spillEverywhere = () -> { };

    BufferBroker(List<BlockPool> pools, ServerFailure server) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("a broker needs a pool to wait on");
        }
        this.pools = List.copyOf(pools);
        this.server = server;
    }

    /** Asks for one block for {@code loop} (loop thread; at most one request per loop outstanding). */
    void request(EventLoop loop) {
        requests.add(loop);
    }

    void spillEverywhere(Runnable r) {
        spillEverywhere = r;
    }

    /** A connection started waiting for a buffer (loop thread; slow path). */
    void waiterAdded() {
        waiting.incrementAndGet();
    }

    /** A connection stopped waiting: it got a buffer, or it closed (loop thread; slow path). */
    void waiterGone() {
        waiting.decrementAndGet();
    }

    /** True iff some connection, on any loop, is waiting for a buffer. */
    boolean busy() {
        return waiting.get() > 0;
    }

    /** Returns a handed-off block that no waiter needed any more. */
    void giveBack(Block block) {
        block.pool().release(block);
    }

    @Override
    public void run() {
        try {
            while (true) {
                EventLoop loop = requests.take();
                Block b = acquire();
                // Once acquired, the block always goes somewhere: to the loop, or back if it has ended.
                if (!loop.handOff(b)) {
                    b.pool().release(b);
                }
            }
        } catch (InterruptedException | PoolInterruptedException | PoolClosedException e) {
            // Shutdown: the server interrupts the broker before it stops the loops.
        } catch (Throwable t) {
            // Without the broker, waiters would be served only by releases on their own loop: limping.
            server.fail("the buffer broker failed", t);
        }
    }

    /** A block for the next request; waits as long as it takes (package-private for tests). */
    Block acquire() {
        for (BlockPool p : pools) {
            Block b = p.tryAcquire();
            if (b != null) {
                return b;
            }
        }
        // Every block is out: the loops whose stalled echoes hold some must give them back now, not
        // after --spill-after. The acquire() below sees each as it comes back.
        spillEverywhere.run();
        return acquireFromAny(pools, () -> false);
    }

    /**
     * Waits in {@code acquire()} on each of {@code pools} in turn, each for its policy's wait, until
     * one hands out a block; null iff {@code cut} says to stop. With one pool that is one long
     * wait, woken by any release. With several (size classes) no single wait sees them all, so
     * each class's pool waits briefly ({@link BufferExhaustion#SIZE_CLASS_TURN}) and a release in
     * any class is found within one turn: no waiter sleeps beside a free block of another class.
     */
    static Block acquireFromAny(List<BlockPool> pools, BooleanSupplier cut) {
        while (!cut.getAsBoolean()) {
            for (BlockPool p : pools) {
                try {
                    return p.acquire();
                } catch (PoolExhaustedException e) {
                    // Nothing freed here within the pool's wait: the next pool, then round again.
                    // The waiters' bytes are safe in the kernel meanwhile.
                }
            }
        }
        return null;
    }
}
