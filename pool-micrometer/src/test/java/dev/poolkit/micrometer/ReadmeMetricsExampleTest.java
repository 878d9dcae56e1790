package dev.poolkit.micrometer;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;
import dev.poolkit.api.contract.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's metrics and JMX example, compiled and run, and checked to be the text the README shows. */
class ReadmeMetricsExampleTest {

    @Test
    void theExampleRegistersMetersAndAJmxBean() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        // tag::metrics[]
        BlockPool pool = Pools.blockPool("jctools", BlockPoolConfig.builder()
                .blockSize(4096).capacity(256)
                .jmxName("buffers")                          // dev.poolkit:type=BlockPool,name=buffers
                .build());
        PoolMetrics.of("buffers", pool).bindTo(registry);    // poolkit.pool.* tagged pool=buffers, backend=jctools
        // end::metrics[]
        Block b = pool.acquire();
        assertThat(registry.get("poolkit.pool.in.use").tag("pool", "buffers").tag("backend", "jctools").gauge()
                .value()).isEqualTo(1);
        assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                new javax.management.ObjectName("dev.poolkit:type=BlockPool,name=buffers"), "InUse")).isEqualTo(1L);
        pool.release(b);
        pool.close();
    }

    @Test
    void theReadmeShowsExactlyTheCompiledExample() {
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/micrometer/ReadmeMetricsExampleTest.java",
                "metrics");
    }

    @Test
    void theConsumerOutsideTheBuildRunsTheSameExamples() {
        String consumer = "../examples/consumer/src/main/java/dev/poolkit/examples/consumer/Main.java";
        ReadmeSnippets.assertReadmeShows(consumer, "example");
        ReadmeSnippets.assertReadmeShows(consumer, "objects");
        ReadmeSnippets.assertReadmeShows(consumer, "metrics");
    }
}
