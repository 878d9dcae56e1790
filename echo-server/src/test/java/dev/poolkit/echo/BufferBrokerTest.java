package dev.poolkit.echo;

import dev.poolkit.api.Block;
import dev.poolkit.api.SizeClass;
import dev.poolkit.api.SizeClassPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's wait: a waiter is served by a release in any size class, not only the smallest. */
class BufferBrokerTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"freelist", "local", "jctools"})
    void aReleaseInALargerClassServesTheWaitingBroker(String backend) throws Exception {
        try (SizeClassPool pool = SizeClassPool.builder().backend(backend)
                .classes(List.of(new SizeClass(1024, 1), new SizeClass(16384, 1)))
                .exhaustion(BufferExhaustion.WAIT.sizeClassPolicy()).build()) {
            SizeClassBuffers buffers = new SizeClassBuffers(pool, BufferExhaustion.WAIT);
            Block small = pool.acquire(1024);
            Block large = pool.acquire(16384);
            BufferBroker broker = new BufferBroker(buffers.waitPools(), (what, cause) -> {
                throw new AssertionError(what, cause);
            });
            AtomicReference<Block> served = new AtomicReference<>();
            Thread waiter = new Thread(() -> served.set(broker.acquire()), "broker");
            waiter.start();
            Await.until("the broker waits", () -> waiter.getState() == Thread.State.TIMED_WAITING,
                    () -> waiter.getState().toString());
            pool.release(large); // nothing frees the small class: only the large block can serve it
            waiter.join(60_000);
            assertThat(waiter.isAlive()).as("the broker still waits beside a free block").isFalse();
            assertThat(served.get()).isSameAs(large);
            pool.release(served.get());
            pool.release(small);
        }
    }
}
