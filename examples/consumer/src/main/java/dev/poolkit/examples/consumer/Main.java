package dev.poolkit.examples.consumer;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;
import dev.poolkit.micrometer.PoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The README's examples, built against the installed artifacts: each check that fails throws, so
 * the build that runs this fails.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException, JMException {
        check(Pools.names().contains("jctools"), "the jctools backend is found through the BOM's pool-jctools, got "
                + Pools.names());
        readmeExample();
        objectExample();
        metricsExample();
        System.out.println("consumer: every example ran against Poolkit " + Pools.class.getPackage()
                .getImplementationVersion() + " with the backends " + Pools.names());
    }

    private static void readmeExample() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        // tag::example[]
        BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder()
                .blockSize(4096).capacity(256)
                .exhaustion(ExhaustionPolicy.await(Duration.ofMillis(50))).build());
        Block block = pool.acquire();
        try {
            ByteBuffer buf = block.buffer();   // position 0, limit 4096, 64-byte aligned
            buf.put("hello".getBytes(StandardCharsets.US_ASCII)).flip();
            channel.write(buf);
        } finally {
            pool.release(block);               // exactly once, even when the write fails
        }
        // end::example[]
        check(sink.toString(StandardCharsets.US_ASCII).equals("hello"), "the example wrote its bytes");
        pool.close();
    }

    private static void objectExample() {
        // tag::objects[]
        ObjectPool<StringBuilder> builders = Pools.objectPool("local",
                ObjectPoolConfig.builder(StringBuilder::new).reset(sb -> sb.setLength(0)).build());
        StringBuilder sb = builders.acquire();
        try {
            sb.append("hello");
        } finally {
            builders.release(sb);              // reset, then kept for the next acquire
        }
        // end::objects[]
        check(builders.acquire() == sb && sb.length() == 0, "the released builder is reset and reused");
        builders.release(sb);
        builders.close();
    }

    /** The README's metrics example, on the jctools backend this application depends on. */
    private static void metricsExample() throws JMException {
        MeterRegistry registry = new SimpleMeterRegistry();
        // tag::metrics[]
        BlockPool pool = Pools.blockPool("jctools", BlockPoolConfig.builder()
                .blockSize(4096).capacity(256)
                .jmxName("buffers")                          // dev.poolkit:type=BlockPool,name=buffers
                .build());
        PoolMetrics.of("buffers", pool).bindTo(registry);    // poolkit.pool.* tagged pool=buffers, backend=jctools
        // end::metrics[]
        Block b = pool.acquire();
        double inUse = registry.get("poolkit.pool.in.use").tag("pool", "buffers").tag("backend", "jctools").gauge()
                .value();
        check(inUse == 1, "poolkit.pool.in.use reads 1 while a block is out, got " + inUse);
        ObjectName bean = new ObjectName("dev.poolkit:type=BlockPool,name=buffers");
        Object jmxInUse = ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "InUse");
        check(Long.valueOf(1).equals(jmxInUse), "the JMX bean's InUse reads 1, got " + jmxInUse);
        pool.release(b);
        double acquires = registry.get("poolkit.pool.acquires").tag("pool", "buffers").functionCounter().count();
        check(acquires == 1, "poolkit.pool.acquires counts the acquire, got " + acquires);
        pool.close();
        check(!ManagementFactory.getPlatformMBeanServer().isRegistered(bean), "close() unregisters the bean");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("consumer example failed: " + what);
        }
    }
}
