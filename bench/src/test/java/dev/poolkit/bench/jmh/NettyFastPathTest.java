package dev.poolkit.bench.jmh;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Netty rows measure Netty's pooled path only on {@link FastThreadLocalExecutor}'s threads:
 * there they reuse what they hand out and allocate nothing per pair; on a plain thread they do not.
 */
class NettyFastPathTest {
    private static final int PAIRS = 20_000;
    private static FastThreadLocalExecutor harness;
    private static ExecutorService plain;

    @BeforeAll
    static void threads() {
        harness = new FastThreadLocalExecutor(1, "netty-fast-path");
        plain = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        harness.shutdownNow();
        plain.shutdownNow();
    }

    @Test
    void theRecyclerReusesItsObjectOnlyOnTheHarnessThreads() throws Exception {
        Subject recycler = ObjectSubjects.create(ObjectSubjects.NETTY_RECYCLER, 256);
        Callable<Boolean> reused = () -> {
            Object first = recycler.acquire();
            recycler.release(first);
            return recycler.acquire() == first;
        };
        assertThat(harness.submit(reused).get()).isTrue();
        assertThat(plain.submit(reused).get()).as("Netty 4.2 on a plain thread").isFalse();
    }

    /** Below what one object per pair would cost (16 B at least): one-time set-up may still show a little. */
    private static final double NO_OBJECT_PER_PAIR = 8;

    @ParameterizedTest
    @ValueSource(strings = {BlockSubjects.NETTY_POOLED, BlockSubjects.NETTY_ADAPTIVE})
    void theAllocatorsAllocateNothingPerPairOnTheHarnessThreads(String row) throws Exception {
        Subject s = BlockSubjects.create(row, 4096, 1024);
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
        assertThat(harness.submit(bytesPerPair(s)).get()).as(row + " on a harness thread")
                .isLessThan(NO_OBJECT_PER_PAIR);
    }

    /** Why the harness matters: without a thread cache every pair allocates a buffer object. */
    @Test
    void thePooledAllocatorAllocatesPerPairOnAPlainThread() throws Exception {
        Subject s = BlockSubjects.create(BlockSubjects.NETTY_POOLED, 4096, 1024);
        assertThat(plain.submit(bytesPerPair(s)).get()).as("Netty 4.2 on a plain thread")
                .isGreaterThan(2 * NO_OBJECT_PER_PAIR);
    }

    /** Bytes the calling thread allocates per pair, once its caches and classes are set up. */
    private static Callable<Double> bytesPerPair(Subject s) {
        return () -> {
            pairs(s, PAIRS);
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            pairs(s, PAIRS);
            return (mx.getCurrentThreadAllocatedBytes() - before) / (double) PAIRS;
        };
    }

    private static void pairs(Subject s, int n) {
        for (int i = 0; i < n; i++) {
            s.release(s.acquire());
        }
    }
}
