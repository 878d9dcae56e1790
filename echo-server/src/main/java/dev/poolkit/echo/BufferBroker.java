package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolInterruptedException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
 * still has waiters.
 */
final class BufferBroker implements Runnable {
    private static final System.Logger LOG = System.getLogger(BufferBroker.class.getName());

    private final BlockPool pool;
    private final BlockingQueue<EventLoop> requests = new LinkedBlockingQueue<>();

    BufferBroker(BlockPool pool) {
        this.pool = pool;
    }

    /** Asks for one block for {@code loop} (loop thread; at most one request per loop outstanding). */
    void request(EventLoop loop) {
        requests.add(loop);
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
                // Once acquired, the block always reaches the loop: handOff neither blocks nor fails, and
                // a stopping loop gives back what it was handed.
                loop.handOff(acquire());
            }
        } catch (InterruptedException | PoolInterruptedException | PoolClosedException e) {
            // Shutdown: the server interrupts the broker before it stops the loops.
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "buffer broker failed; connections waiting for a buffer will"
                    + " only be served by releases on their own event loop", e);
        }
    }

    private Block acquire() {
        while (true) {
            try {
                return pool.acquire();
            } catch (PoolExhaustedException e) {
                // Nothing freed within BROKER_WAIT: every block is held (e.g. by peers that do not read).
                // Keep waiting; the waiters' bytes are safe in the kernel meanwhile.
            }
        }
    }
}
