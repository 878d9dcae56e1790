package dev.poolkit.vtbench;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What the scenario measures: one acquire, a write of one byte, one release, on a pool of
 * {@link #CAPACITY} blocks of {@link #BLOCK_SIZE} bytes shared by every thread. Each subject is a
 * class of its own and each JVM runs one, so the call in the threads' loop stays monomorphic.
 */
abstract class Subject {
    static final int BLOCK_SIZE = 4096;
    /** Far more blocks than threads that run at once (one per carrier), so no acquire ever waits. */
    static final int CAPACITY = 1024;

    /** The rows, in report order; the first three are Poolkit's, judged against the targets. */
    static final List<String> NAMES = List.of("local", "freelist", "jctools", "stormpot4-vt-tap", "netty-adaptive",
            "plain");

    /** One pair; the result only keeps the work from being optimised away. */
    abstract int pair();

    /** Gives back what the subject holds (the pool), so a later measurement sees it gone. */
    void close() {
    }

    static Subject of(String name) {
        switch (name) {
            case "local":
            case "freelist":
            case "jctools":
                return new Poolkit(name);
            case "stormpot4-vt-tap":
                return new Stormpot4Tap();
            case "netty-adaptive":
                return new NettyAdaptive();
            case "plain":
                return new Plain();
            default:
                throw new IllegalArgumentException("unknown subject '" + name + "'; valid: " + String.join(", ", NAMES));
        }
    }

    /** A Poolkit BlockPool of the named backend. */
    static final class Poolkit extends Subject {
        private final BlockPool pool;

        Poolkit(String backend) {
            pool = Pools.blockPool(backend, BlockPoolConfig.builder().blockSize(BLOCK_SIZE).capacity(CAPACITY).build());
        }

        @Override
        int pair() {
            Block b = pool.acquire();
            try {
                ByteBuffer buf = b.buffer();
                buf.put(0, (byte) 1);
                return buf.capacity();
            } finally {
                pool.release(b);
            }
        }

        @Override
        void close() {
            pool.close();
        }
    }

    /** Stormpot 4's {@code getVirtualThreadSafeTap()} over a pool of direct buffers ({@code Pool.of}). */
    static final class Stormpot4Tap extends Subject {
        private final Stormpot4 pool = new Stormpot4(CAPACITY, BLOCK_SIZE);

        @Override
        int pair() {
            Object pooled = pool.claim();
            try {
                ByteBuffer buf = pool.object(pooled);
                buf.put(0, (byte) 1);
                return buf.capacity();
            } finally {
                pool.release(pooled);
            }
        }

        @Override
        void close() {
            pool.shutdown();
        }
    }

    /** Netty 4.2's adaptive allocator (magazines picked by thread id), direct buffers. */
    static final class NettyAdaptive extends Subject {
        private final AdaptiveByteBufAllocator alloc = new AdaptiveByteBufAllocator();

        @Override
        int pair() {
            ByteBuf b = alloc.directBuffer(BLOCK_SIZE);
            try {
                b.writeByte(1);
                return b.capacity();
            } finally {
                b.release();
            }
        }
    }

    /** No pool: a fresh heap buffer per use, left to the collector. */
    static final class Plain extends Subject {
        /** The last buffer, published so the JIT cannot scalar-replace the allocation away (a plain store: no fence). */
        static ByteBuffer last;

        @Override
        int pair() {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK_SIZE);
            buf.put(0, (byte) 1);
            last = buf;
            return buf.capacity();
        }
    }
}
