package dev.poolkit.bench.jmh;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.Pools;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.jctools.queues.MpmcArrayQueue;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rows of the buffer benchmarks, by name: every registered backend (a {@link BlockPool} of
 * direct blocks), the two no-pool baselines, and the libraries a Java user would otherwise pick,
 * used raw, each as its own documentation shows.
 */
public final class BlockSubjects {
    /** Plain {@code ByteBuffer.allocate(blockSize)} per acquire: what "no pool" costs on the heap. */
    public static final String NONE_HEAP = "none-heap";
    /** Plain {@code ByteBuffer.allocateDirect(blockSize)} per acquire: what "no pool" costs off-heap. */
    public static final String NONE_DIRECT = "none-direct";
    /** Apache Commons Pool 2 {@code GenericObjectPool} of direct buffers, without our adapter. */
    public static final String RAW_COMMONS = "raw-commons";
    /** A JCTools {@code MpmcArrayQueue} prefilled with direct buffers: poll to acquire, offer to release. */
    public static final String RAW_JCTOOLS = "raw-jctools";
    /** Stormpot 3.2 with its default expiration (8 to 10 minutes), through its thread-local tap. */
    public static final String STORMPOT = "stormpot";
    /** Stormpot 3.2 with {@code Expiration.never()}. */
    public static final String STORMPOT_NEVER = "stormpot-never";
    /** Netty's {@code PooledByteBufAllocator}: {@code directBuffer(size).release()}. */
    public static final String NETTY = "netty";

    /** Every name that is not a registered backend, in table order. */
    public static final List<String> BASELINES = List.of(NONE_HEAP, NONE_DIRECT);
    public static final List<String> REFERENCES = List.of(RAW_COMMONS, RAW_JCTOOLS, STORMPOT, STORMPOT_NEVER, NETTY);

    /** A stormpot claim never waits this long in a benchmark sized so that it never runs dry. */
    private static final Timeout CLAIM_TIMEOUT = new Timeout(1, TimeUnit.SECONDS);

    private BlockSubjects() {
    }

    /** Every row: the registry's backends, then the baselines, then the references. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Pools.names());
        all.addAll(BASELINES);
        all.addAll(REFERENCES);
        return all;
    }

    /** The subject called {@code name}, with at most {@code capacity} buffers of {@code blockSize} bytes. */
    public static Subject create(String name, int blockSize, int capacity) {
        switch (name) {
            case NONE_HEAP:
                return new HeapAllocation(blockSize);
            case NONE_DIRECT:
                return new DirectAllocation(blockSize);
            case RAW_COMMONS:
                return new RawCommons<>(ByteBuffer.class, () -> ByteBuffer.allocateDirect(blockSize), ByteBuffer::clear,
                        capacity, capacity);
            case RAW_JCTOOLS:
                return new RawJctools(blockSize, capacity);
            case STORMPOT:
                return new Stormpot(blockSize, capacity, false);
            case STORMPOT_NEVER:
                return new Stormpot(blockSize, capacity, true);
            case NETTY:
                return new NettyPooled(blockSize);
            default:
                // Anything else must be a registered backend; an unknown name fails with the list.
                return new PoolkitBlocks(Pools.blockPool(name,
                        BlockPoolConfig.builder().blockSize(blockSize).capacity(capacity).build()));
        }
    }

    static final class PoolkitBlocks extends Subject {
        private final BlockPool pool;

        PoolkitBlocks(BlockPool pool) {
            this.pool = pool;
        }

        @Override
        public Object acquire() {
            return pool.acquire();
        }

        @Override
        public void release(Object item) {
            pool.release((Block) item);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    static final class HeapAllocation extends Subject {
        private final int size;

        HeapAllocation(int size) {
            this.size = size;
        }

        @Override
        public Object acquire() {
            return ByteBuffer.allocate(size);
        }

        @Override
        public void release(Object item) {
            // Dropped: the garbage collector takes it back.
        }
    }

    static final class DirectAllocation extends Subject {
        private final int size;

        DirectAllocation(int size) {
            this.size = size;
        }

        @Override
        public Object acquire() {
            return ByteBuffer.allocateDirect(size);
        }

        @Override
        public void release(Object item) {
            // Dropped: its Cleaner frees the native memory after a GC finds it unreachable.
        }
    }

    static final class RawJctools extends Subject {
        private final MpmcArrayQueue<ByteBuffer> free;

        RawJctools(int blockSize, int capacity) {
            free = new MpmcArrayQueue<>(capacity);
            for (int i = 0; i < capacity; i++) {
                free.offer(ByteBuffer.allocateDirect(blockSize));
            }
        }

        @Override
        public Object acquire() {
            ByteBuffer b = free.poll();
            if (b == null) {
                throw new PoolExhaustedException("raw JCTools pool is empty: the benchmark is sized wrong");
            }
            return b;
        }

        @Override
        public void release(Object item) {
            ByteBuffer b = (ByteBuffer) item;
            b.clear(); // the least any user must do before the next holder reads into it
            free.offer(b);
        }
    }

    /** Stormpot pools {@code Poolable}s, so each buffer lives in a small holder that knows its slot. */
    static final class BufferHolder extends BasePoolable {
        final ByteBuffer buffer;

        BufferHolder(Slot slot, int size) {
            super(slot);
            this.buffer = ByteBuffer.allocateDirect(size);
        }
    }

    static final class Stormpot extends Subject {
        private final Pool<BufferHolder> pool;
        private final PoolTap<BufferHolder> tap;

        Stormpot(int blockSize, int capacity, boolean neverExpire) {
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
            pool = builder.build();
            // Stormpot's documented fastest way to claim: a tap whose cache is thread-local.
            tap = pool.getThreadLocalTap();
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

    static final class NettyPooled extends Subject {
        // Its own allocator, not DEFAULT, so no other code in the fork shares its arenas.
        private final PooledByteBufAllocator allocator = new PooledByteBufAllocator(true);
        private final int size;

        NettyPooled(int size) {
            this.size = size;
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
}
