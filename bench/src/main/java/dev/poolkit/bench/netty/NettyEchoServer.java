package dev.poolkit.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference: the echo server a Java engineer would write with Netty, in the few lines of
 * Netty's own {@code EchoServer} example (NIO transport, {@link PooledByteBufAllocator}, write on
 * read, flush on read-complete), on Netty's own event-loop threads (the default thread factory of
 * {@link MultiThreadIoEventLoopGroup} makes {@code FastThreadLocalThread}s, where the allocator
 * keeps its thread caches and the Recycler pools), with leak detection off like our server's leak
 * tracking. Counts only what our server also reports, so the comparison is like for like: bytes
 * and reads echoed, and bytes allocated by its event-loop threads.
 */
public final class NettyEchoServer implements AutoCloseable {
    /** Netty's default waits a 2 s quiet period first; a stopped benchmark server has nothing left to run. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final List<Thread> workerThreads;
    private final LongAdder bytesEchoed = new LongAdder();
    private final LongAdder readsEchoed = new LongAdder();

    /** Starts listening on {@code bind:port} (0 = any free port) with {@code threads} event loops. */
    public NettyEchoServer(String bind, int port, int threads) throws InterruptedException {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        EchoHandler handler = new EchoHandler(bytesEchoed, readsEchoed);
        try {
            workerThreads = loopThreads(workers);
            channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    // Explicitly the pooled allocator: the reference the issue names, whatever the
                    // Netty version's default allocator happens to be.
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(handler)
                    .bind(bind, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /** Each event loop's thread, asked of the loop itself (which starts it), so Netty's own factory makes them. */
    private static List<Thread> loopThreads(EventLoopGroup group) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (EventExecutor loop : group) {
            threads.add(loop.submit(Thread::currentThread).sync().getNow());
        }
        return List.copyOf(threads);
    }

    /** The event-loop threads that serve the connections. */
    public List<Thread> eventLoopThreads() {
        return workerThreads;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public long bytesEchoed() {
        return bytesEchoed.sum();
    }

    /** Reads passed to the handler, as our server counts "messages". */
    public long readsEchoed() {
        return readsEchoed.sum();
    }

    /** Bytes allocated so far by the event-loop threads (that handle every connection). */
    public long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : workerThreads) {
            long b = mx.getThreadAllocatedBytes(t.getId());
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** Closes the listener and the loops at once: no quiet period, as nothing more is submitted. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Netty's example handler, plus a byte count. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        private final LongAdder bytes;
        private final LongAdder reads;

        EchoHandler(LongAdder bytes, LongAdder reads) {
            this.bytes = bytes;
            this.reads = reads;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytes.add(((ByteBuf) msg).readableBytes());
            reads.increment();
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset peer: drop the connection, as the example does
        }
    }
}
