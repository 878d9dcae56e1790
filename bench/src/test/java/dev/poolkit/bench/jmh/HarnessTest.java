package dev.poolkit.bench.jmh;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

import java.util.List;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every benchmark forks into the same JVM, on Netty's fast-path threads. */
class HarnessTest {

    @ParameterizedTest
    @ValueSource(classes = {BlockPairBenchmark.class, BlockBurstBenchmark.class, HandOffBenchmark.class,
            ObjectPoolBenchmark.class, FreeListLockBenchmark.class, AtomicCost.class})
    void everyBenchmarkForksWithTheHarnessArguments(Class<?> benchmark) {
        Fork fork = benchmark.getAnnotation(Fork.class);
        assertThat(fork).as(benchmark.getSimpleName()).isNotNull();
        assertThat(fork.jvmArgs()).containsExactly(Fork.BLANK_ARGS); // JMH's "not set"
        assertThat(fork.jvmArgsPrepend()).containsExactly(Fork.BLANK_ARGS);
        assertThat(List.of(fork.jvmArgsAppend())).as(benchmark.getSimpleName()).isEqualTo(Harness.JVM_ARGS);
    }

    @Test
    void theExecutorPropertyNamesTheExecutorClass() {
        assertThat(Harness.EXECUTOR_CLASS).isEqualTo("-Djmh.executor.class=" + FastThreadLocalExecutor.class.getName());
    }

    @Test
    void workerThreadsAreFastThreadLocalThreadsInsideAnExecutor() throws Exception {
        FastThreadLocalExecutor executor = new FastThreadLocalExecutor(2, "test-worker");
        try {
            Future<Boolean> fast = executor.submit(FastThreadLocalThread::currentThreadWillCleanupFastThreadLocals);
            Future<Boolean> mapped = executor.submit(() -> ThreadExecutorMap.currentExecutor() != null);
            Future<String> name = executor.submit(() -> Thread.currentThread().getName());
            assertThat(fast.get()).isTrue();
            assertThat(mapped.get()).isTrue();
            assertThat(name.get()).startsWith("test-worker");
        } finally {
            executor.shutdownNow();
        }
    }
}
