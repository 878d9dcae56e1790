package dev.poolkit.bench.jmh;

import dev.poolkit.api.PoolExhaustedException;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Stormpot 3.2 pools of direct buffers. Its documented fast path is a tap per thread: the javadoc
 * of {@code getThreadLocalTap()} calls sharing one tap between threads a use error, so
 * {@link #forThread()} makes one for each benchmark thread. The claim row instead claims on the
 * pool itself, which keeps its own thread-local cache.
 */
final class StormpotBlocks extends Subject {
    static final String COMMON = " `setSize(capacity)`, an allocator of `BasePoolable` holders of one direct buffer;"
            + " `clear()` then `release()` to give back.";

    /** A claim never waits this long in a benchmark sized so that it never runs dry. */
    private static final Timeout CLAIM_TIMEOUT = new Timeout(1, TimeUnit.SECONDS);

    private final Pool<BufferHolder> pool;
    private final PoolTap<BufferHolder> tap;
    private final boolean tapPerThread;

    private StormpotBlocks(Pool<BufferHolder> pool, PoolTap<BufferHolder> tap, boolean tapPerThread) {
        this.pool = pool;
        this.tap = tap;
        this.tapPerThread = tapPerThread;
    }

    static StormpotBlocks create(int blockSize, int capacity, boolean neverExpire, boolean tapPerThread) {
        var builder = Pool.from(new stormpot.Allocator<BufferHolder>() {
            @Override
            public BufferHolder allocate(Slot slot) {
                return new BufferHolder(slot, blockSize);
            }

            @Override
            public void deallocate(BufferHolder poolable) {
            }
        }).setSize(capacity);
        if (neverExpire) {
            builder.setExpiration(Expiration.never());
        }
        Pool<BufferHolder> pool = builder.build();
        return new StormpotBlocks(pool, pool, tapPerThread); // the pool is a tap too: claim on the pool
    }

    /** Stormpot pools {@code Poolable}s, so each buffer lives in a small holder that knows its slot. */
    static final class BufferHolder extends BasePoolable {
        final ByteBuffer buffer;

        BufferHolder(Slot slot, int size) {
            super(slot);
            this.buffer = ByteBuffer.allocateDirect(size);
        }
    }

    @Override
    public Subject forThread() {
        return tapPerThread ? new StormpotBlocks(pool, pool.getThreadLocalTap(), true) : this;
    }

    @Override
    public Object acquire() {
        try {
            BufferHolder h = tap.claim(CLAIM_TIMEOUT);
            if (h == null) {
                throw new PoolExhaustedException("Stormpot claim timed out: the benchmark is sized wrong");
            }
            return h;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in Stormpot claim", e);
        }
    }

    @Override
    public void release(Object item) {
        BufferHolder h = (BufferHolder) item;
        h.buffer.clear();
        h.release();
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
