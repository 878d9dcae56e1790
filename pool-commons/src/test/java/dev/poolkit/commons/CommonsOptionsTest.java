package dev.poolkit.commons;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.contract.ReadmeSnippets;
import dev.poolkit.api.contract.TestThreads;
import dev.poolkit.commons.Lifecycle.Item;
import org.apache.commons.pool2.impl.AbandonedConfig;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Commons Pool's own features through {@link CommonsOptions}, on top of the contract. */
class CommonsOptionsTest {
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
    /** Takes while the evictor holds an idle object under test: a handful at most; the bound only stops a bug from looping. */
    private static final int MAX_TRIES = 1_000;

    @Test
    void theReadmeShowsExactlyTheCompiledExample() {
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/commons/CommonsOptionsTest.java", "commons-options");
    }

    /** The example for the README (between the tag lines), compiled and run so that it cannot rot. */
    @Test
    void documentationExample() {
        Connection.forgetOpened();
        // tag::commons-options[]
        ObjectPoolConfig<Connection> config = ObjectPoolConfig.builder(Connection::open)
                .reset(Connection::rollback)             // on every release
                .onDiscard(Connection::close)            // when the pool drops one
                .maxIdle(16)
                .build();
        CommonsOptions<Connection> commons = CommonsOptions.<Connection>builder()
                .configure(c -> {                        // a GenericObjectPoolConfig, JMX off to start with
                    c.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
                    c.setMinEvictableIdleDuration(Duration.ofMinutes(5));
                    c.setTestWhileIdle(true);
                    c.setJmxEnabled(true);
                    c.setJmxNamePrefix("connections");
                })
                .validator(Connection::isOpen)           // for testWhileIdle
                .build();
        try (ObjectPool<Connection> pool = CommonsBackend.objectPool(config, commons)) {
            Connection conn = pool.acquire();
            try {
                conn.send("ping");
            } finally {
                pool.release(conn);
            }
        }
        // end::commons-options[]
        assertThat(Connection.opened()).singleElement()
                .satisfies(c -> assertThat(c.log()).containsExactly("send ping", "rollback", "close"));
        assertThat(registered("connections*")).as("unregistered by close()").isZero();
    }

    @Test
    void jmxRegistersWhenAskedAndCloseUnregisters() {
        CommonsOptions<StringBuilder> options = CommonsOptions.<StringBuilder>builder().configure(c -> {
            c.setJmxEnabled(true);
            c.setJmxNamePrefix("poolkit-objects");
        }).build();
        ObjectPool<StringBuilder> p = CommonsBackend.objectPool(ObjectPoolConfig.builder(StringBuilder::new).build(),
                options);
        assertThat(registered("poolkit-objects*")).isEqualTo(1);
        p.close();
        assertThat(registered("poolkit-objects*")).isZero();
    }

    @Test
    void jmxIsOffByDefault() {
        int before = registered("*");
        try (ObjectPool<StringBuilder> p = CommonsBackend.objectPool(ObjectPoolConfig.builder(StringBuilder::new).build(),
                CommonsOptions.defaults())) {
            p.release(p.acquire());
            assertThat(registered("*")).isEqualTo(before);
        }
    }

    @Test
    void theEvictorDropsIdleObjectsThroughOnDiscard() {
        CountDownLatch dropped = new CountDownLatch(3);
        ObjectPoolConfig<StringBuilder> config = ObjectPoolConfig.builder(StringBuilder::new)
                .onDiscard(sb -> dropped.countDown()).maxIdle(8).build();
        CommonsOptions<StringBuilder> options = CommonsOptions.<StringBuilder>builder().configure(c -> {
            c.setTimeBetweenEvictionRuns(Duration.ofMillis(5));
            c.setMinEvictableIdleDuration(Duration.ofMillis(1));
        }).build();
        try (ObjectPool<StringBuilder> p = CommonsBackend.objectPool(config, options)) {
            List<StringBuilder> three = List.of(p.acquire(), p.acquire(), p.acquire());
            three.forEach(p::release);
            await(dropped); // the evictor's thread runs onDiscard for each
            assertThat(p.idle()).isZero();
            assertThat(p.stats().discards()).as("evictions are not releases").isZero();
        }
    }

    @Test
    void theEvictorDropsIdleObjectsTheValidatorRejects() {
        CountDownLatch dropped = new CountDownLatch(1);
        ObjectPoolConfig<Connection> config = ObjectPoolConfig.builder(Connection::open)
                .onDiscard(conn -> dropped.countDown()).build();
        CommonsOptions<Connection> options = CommonsOptions.<Connection>builder().configure(c -> {
            c.setTimeBetweenEvictionRuns(Duration.ofMillis(5));
            c.setTestWhileIdle(true);
        }).validator(Connection::isOpen).build();
        try (ObjectPool<Connection> p = CommonsBackend.objectPool(config, options)) {
            Connection a = p.acquire();
            Connection b = p.acquire();
            p.release(a);
            p.release(b);
            a.close(); // the server hung up on an idle connection
            await(dropped);
            // The evictor keeps running every 5 ms, and while it tests b, Commons Pool hands b to
            // no one and makes a new connection instead. So take until b comes out, keeping what
            // else comes (never a), bounded by tries rather than time.
            List<Connection> taken = new ArrayList<>();
            Connection c = p.acquire();
            while (c != b && taken.size() < MAX_TRIES) {
                taken.add(c);
                c = p.acquire();
            }
            assertThat(c).as("the open one is still there").isSameAs(b);
            assertThat(taken).as("made while the evictor tested b; never the closed one")
                    .doesNotContain(a).allMatch(Connection::isOpen);
            p.release(b);
            taken.forEach(p::release);
        }
    }

    @Test
    void anAbandonedObjectIsLoggedNotDiscardedAndDroppedWhenFinallyReleased() {
        Lifecycle log = new Lifecycle();
        StringWriter abandonedLog = new StringWriter();
        AbandonedConfig abandoned = new AbandonedConfig();
        abandoned.setRemoveAbandonedOnBorrow(true);
        abandoned.setRemoveAbandonedTimeout(Duration.ZERO); // every object out counts as abandoned
        abandoned.setLogAbandoned(true);
        abandoned.setLogWriter(new PrintWriter(abandonedLog, true));
        CommonsObjectPool<Item> p = new CommonsObjectPool<>(log.config(4),
                CommonsOptions.<Item>builder().abandoned(abandoned).build(), log::recording);
        try (p) {
            Item leaked = borrowAndForget(p);
            Item next = p.acquire(); // this borrow finds leaked abandoned and has Commons Pool drop it
            assertThat(log.take()).as("the holder may still use it: no discard yet").containsExactly(
                    "makeObject", "make:1", "activateObject",
                    "destroyObject:ABANDONED", "makeObject", "make:2", "passivateObject", // replaced at once
                    "activateObject");
            assertThat(abandonedLog.toString()).contains("borrowAndForget");
            p.release(leaked); // late, but the holder is done with it now
            assertThat(log.take()).containsExactly("reset:1", "discard:1");
            p.release(next);
            assertThat(p.stats().inUse()).isZero();
            assertThat(p.stats().discards()).isEqualTo(1);
        }
    }

    private static Item borrowAndForget(ObjectPool<Item> p) {
        return p.acquire();
    }

    @Test
    void ourSettingsOverrideTheOnesTheContractFixes() {
        GenericObjectPoolConfig<StringBuilder> theirs = new GenericObjectPoolConfig<>();
        theirs.setMaxTotal(1);
        theirs.setMaxIdle(100);
        theirs.setBlockWhenExhausted(true);
        theirs.setMaxWait(Duration.ofHours(1));
        theirs.setJmxEnabled(false);
        CommonsOptions<StringBuilder> options = CommonsOptions.<StringBuilder>builder().poolConfig(theirs).build();
        theirs.setMaxIdle(50); // options copied the config: later edits do not leak in
        try (CommonsObjectPool<StringBuilder> p = new CommonsObjectPool<>(
                ObjectPoolConfig.builder(StringBuilder::new).maxIdle(2).build(), options)) {
            List<StringBuilder> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(p.acquire()); // beyond their maxTotal of 1, without blocking
            }
            three.forEach(p::release);
            assertThat(p.idle()).isEqualTo(2);
            assertThat(p.commons().getMaxTotal()).isEqualTo(-1);
            assertThat(p.commons().getMaxIdle()).isEqualTo(2);
            assertThat(p.commons().getBlockWhenExhausted()).isFalse();
        }
        assertThat(options.poolConfig().getMaxIdle()).isEqualTo(100);
    }

    /** Waits for the evictor's thread to count {@code latch} down; the safety net only guards a hang. */
    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(TestThreads.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the evictor dropped them within the safety net").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** MBeans Commons Pool registered for GenericObjectPools whose name matches {@code namePattern}. */
    static int registered(String namePattern) {
        try {
            return MBEANS.queryNames(new ObjectName("org.apache.commons.pool2:type=GenericObjectPool,name="
                    + namePattern), null).size();
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }
}
