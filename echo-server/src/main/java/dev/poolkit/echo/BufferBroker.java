package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolInterruptedException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final BlockPool pool;
    private final ServerFailure server;
    private final BlockingQueue<EventLoop> requests = new LinkedBlockingQueue<>();
    /** Connections waiting for a buffer, on every loop. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Asks every loop to give back the blocks its stalled echoes hold; set once the loops exist. */
    private volatile Runnable spillEverywhere = () -> { };

    BufferBroker(BlockPool pool, ServerFailure server) {
        this.pool = pool;
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
        pool.release(block);
    }

    @Override
    public void run() {
        try {
            while (true) {
                EventLoop loop = requests.take();
                Block b = acquire();
                // Once acquired, the block always goes somewhere: to the loop, or back if it has ended.
                if (!loop.handOff(b)) {
                    pool.release(b);
                }
            }
        } catch (InterruptedException | PoolInterruptedException | PoolClosedException e) {
            // Shutdown: the server interrupts the broker before it stops the loops.
        } catch (Throwable t) {
            // Without the broker, waiters would be served only by releases on their own loop: limping.
            server.fail("the buffer broker failed", t);
        }
    }

    private Block acquire() {
        Block b = pool.tryAcquire();
        if (b != null) {
            return b;
        }
        // Every block is out: the loops whose stalled echoes hold some must give them back now, not
        // after --spill-after. The broker's acquire() below sees each as it comes back.
        spillEverywhere.run();
        while (true) {
            try {
                return pool.acquire();
            } catch (PoolExhaustedException e) {
                // Nothing freed within BROKER_WAIT: every block is held. Keep waiting; the waiters'
                // bytes are safe in the kernel meanwhile, and stalled echoes give blocks back soon.
            }
        }
    }
}
