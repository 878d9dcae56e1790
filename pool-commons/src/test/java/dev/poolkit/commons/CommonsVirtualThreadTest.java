package dev.poolkit.commons;

import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Commons Pool reports a release through callbacks on the releasing thread; for virtual threads we keep that record only during the call. */
class CommonsVirtualThreadTest {

    @Test
    void nothingIsKeptForTheVirtualThreadsThatUsedThePool() {
        assumeTrue(TestThreads.virtualThreadsAvailable(), "virtual threads need Java 21+");
        CommonsObjectPool<StringBuilder> p = new CommonsObjectPool<>(ObjectPoolConfig.builder(StringBuilder::new)
                .reset(sb -> sb.setLength(0)).maxIdle(8).build(), CommonsOptions.<StringBuilder>builder().build());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Thread t = TestThreads.newVirtualThread(() -> p.release(p.acquire().append("x")), "v" + i);
            t.start();
            threads.add(t);
        }
        threads.forEach(TestThreads::join);
        assertThat(p.virtualThreadsInCall()).isZero();
        assertThat(p.stats().acquires()).isEqualTo(500);
        assertThat(p.stats().releases()).isEqualTo(500);
        assertThat(p.stats().misses()).as("objects reused across threads").isLessThanOrEqualTo(8 + 2);
        p.close();
    }
}
