package dev.poolkit.api;

import dev.poolkit.internal.BlockAccess;
import dev.poolkit.internal.Blocks;
import dev.poolkit.internal.jfr.Events;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The owner of the blocks a {@link SizeClassPool} hands out for requests above its largest class
 * under {@link ExhaustionPolicy#unpooled()}: each is a fresh buffer of exactly the requested size,
 * outside every slab, dropped on release. It has no slab and no free set, so {@link #acquire()}
 * and {@link #tryAcquire()} are refused; {@link #config()} describes the largest class. Slow path
 * throughout: these blocks cost an allocation each anyway.
 */
final class OversizeBlocks implements BlockPool {
    private static final BlockAccess BLOCKS = Blocks.access();

    private final SizeClassPool owner;
    private final BlockPoolConfig config;
    private final LongAdder requests = new LongAdder();
    private final LongAdder acquires = new LongAdder();
    private final LongAdder releases = new LongAdder();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();
    private volatile boolean closed;

    OversizeBlocks(SizeClassPool owner, BlockPoolConfig largestClass) {
        this.owner = owner;
        this.config = largestClass;
    }

    /** Counts a request above the largest class, whatever the policy does with it. */
    void countRequest() {
        requests.increment();
    }

    /** A fresh block of exactly {@code bytes}, already leased. */
    Block handOut(int bytes) {
        if (closed) {
            throw new PoolClosedException(owner + " is closed: you most likely acquired after close(),"
                    + " e.g. from a task still running during shutdown");
        }
        int align = config.alignment();
        // alignedSlice rounds its capacity down to the alignment, so reserve a whole aligned stride.
        long raw = (((long) bytes + align - 1) & -(long) align) + align - 1;
        if (raw > Integer.MAX_VALUE) {
            throw new PoolExhaustedException("request of " + bytes + " bytes to " + owner + " cannot be served even"
                    + " unpooled: one buffer holds at most " + (Integer.MAX_VALUE - align + 1) + " bytes at alignment "
                    + align);
        }
        ByteBuffer buf = (config.memory() == MemoryKind.DIRECT ? ByteBuffer.allocateDirect((int) raw)
                : ByteBuffer.allocate((int) raw)).alignedSlice(align).slice(0, bytes);
        Block b = BLOCKS.newBlock(-1, buf, this);
        BLOCKS.lease(b);
        acquires.increment();
        highWater.accumulateAndGet(out.incrementAndGet(), Math::max);
        Events.unpooled(owner, bytes);
        return b;
    }

    @Override
    public Block acquire() {
        throw new UnsupportedOperationException(describe() + " only hands out blocks through SizeClassPool.acquire(bytes)");
    }

    @Override
    public Block tryAcquire() {
        throw new UnsupportedOperationException(describe() + " only hands out blocks through SizeClassPool.acquire(bytes)");
    }

    /** Nothing here is per thread (and acquires are refused): the pool itself is every thread's tap. */
    @Override
    public BlockTap tap() {
        return this;
    }

    @Override
    public void release(Block block) {
        if (block == null) {
            throw new NullReleaseException("release(null) on " + describe() + ": you most likely released the result"
                    + " of a failed or skipped acquire, or a field that was already cleared");
        }
        if (block.pool() != this) {
            throw new ForeignObjectException(block + " belongs to " + block.pool() + ", not to " + describe()
                    + ": you most likely released it into the wrong pool; release it into block.pool()");
        }
        if (closed) {
            throw new PoolClosedException("release of " + block + " into " + describe() + " after close(): the"
                    + " pool is closed and the block stays counted as leaked; release blocks before closing the pool");
        }
        if (!BLOCKS.endLease(block)) {
            throw new DoubleReleaseException(block + " was released into " + describe() + " while already free: you"
                    + " most likely called release() twice for one acquire(); the pool is unchanged");
        }
        out.decrementAndGet();
        releases.increment();
    }

    @Override
    public BlockPoolConfig config() {
        return config;
    }

    @Override
    public String backend() {
        return "oversize";
    }

    @Override
    public PoolStats stats() {
        long a = acquires.sum(); // acquires first, releases last: inUse never overstated
        long r = Math.min(releases.sum(), a);
        return new PoolStats(a, r, a, requests.sum(), r, a - r, Math.max(highWater.get(), a - r));
    }

    @Override
    public LeakReport leaks() {
        return new LeakReport(describe(), List.of(), Math.max(0, out.get()));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    String describe() {
        return "oversize blocks of " + owner;
    }

    @Override
    public String toString() {
        return describe();
    }
}
