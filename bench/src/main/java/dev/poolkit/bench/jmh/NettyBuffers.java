package dev.poolkit.bench.jmh;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * A Netty allocator's direct buffers: {@code directBuffer(size, size)} then {@code release()}.
 * Each row gets its own allocator, not {@code DEFAULT}, so nothing else in the fork shares its
 * arenas or magazines. Its fast path needs the worker threads of {@link FastThreadLocalExecutor}.
 */
final class NettyBuffers extends Subject {
    static final String COMMON = "Leak detection off (`ResourceLeakDetector.Level.DISABLED`, as Poolkit's leak"
            + " tracking is off by default); on `FastThreadLocalThread`s inside an executor, Netty's fast path.";

    private final ByteBufAllocator allocator;
    private final int size;

    private NettyBuffers(ByteBufAllocator allocator, int size) {
        disableLeakDetection();
        this.allocator = allocator;
        this.size = size;
    }

    /** Leak detection samples allocations and wraps buffers; Poolkit's rows run without theirs, so Netty does too. */
    static void disableLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    static NettyBuffers pooled(int size) {
        return new NettyBuffers(new PooledByteBufAllocator(true), size);
    }

    static NettyBuffers adaptive(int size) {
        return new NettyBuffers(new AdaptiveByteBufAllocator(), size);
    }

    @Override
    public Object acquire() {
        return allocator.directBuffer(size, size);
    }

    @Override
    public void release(Object item) {
        ((ByteBuf) item).release();
    }
}
