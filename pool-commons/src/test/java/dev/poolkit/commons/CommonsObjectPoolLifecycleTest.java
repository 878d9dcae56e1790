package dev.poolkit.commons;

import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.commons.Lifecycle.Item;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter's mapping onto Commons Pool's {@code PooledObjectFactory}, call by call: what
 * Commons Pool calls, and what that runs of the user's factory, reset and onDiscard.
 */
class CommonsObjectPoolLifecycleTest {
    private final Lifecycle log = new Lifecycle();
    private final List<CommonsObjectPool<Item>> made = new ArrayList<>();

    private CommonsObjectPool<Item> pool(int maxIdle) {
        return pool(maxIdle, CommonsOptions.defaults());
    }

    private CommonsObjectPool<Item> pool(int maxIdle, CommonsOptions<Item> options) {
        CommonsObjectPool<Item> p = new CommonsObjectPool<>(log.config(maxIdle), options, log::recording);
        made.add(p);
        return p;
    }

    @AfterEach
    void closeAll() {
        made.forEach(CommonsObjectPool::close);
    }

    @Test
    void acquireMakesReleaseResetsAndKeepsAcquireReuses() {
        CommonsObjectPool<Item> p = pool(2);
        Item a = p.acquire();
        assertThat(log.take()).containsExactly("makeObject", "make:1", "activateObject");
        p.release(a);
        assertThat(log.take()).containsExactly("passivateObject", "reset:1");
        assertThat(p.acquire()).isSameAs(a);
        assertThat(log.take()).containsExactly("activateObject");
        p.release(a);
        assertThat(log.take()).containsExactly("passivateObject", "reset:1");
        assertThat(p.stats()).isEqualTo(new PoolStats(2, 2, 1, 0, 0, 0, 1));
        GenericObjectPool<Item> c = p.commons();
        assertThat(c.getCreatedCount()).isEqualTo(1);
        assertThat(c.getBorrowedCount()).isEqualTo(2);
        assertThat(c.getReturnedCount()).isEqualTo(2);
        assertThat(c.getNumIdle()).isEqualTo(1);
    }

    @Test
    void aReleaseBeyondMaxIdleIsResetThenDestroyedThenDiscarded() {
        CommonsObjectPool<Item> p = pool(1);
        Item a = p.acquire();
        Item b = p.acquire();
        log.take();
        p.release(a);
        p.release(b);
        assertThat(log.take()).containsExactly("passivateObject", "reset:1",
                "passivateObject", "reset:2", "destroyObject", "discard:2");
        assertThat(p.stats().discards()).isEqualTo(1);
        assertThat(p.idle()).isEqualTo(1);
    }

    @Test
    void aFailingMakeObjectPropagatesUnchangedAndLeavesThePoolUsable() {
        CommonsObjectPool<Item> p = pool(2);
        IllegalStateException boom = new IllegalStateException("factory down");
        log.failNextMake(boom);
        assertThatThrownBy(p::acquire).isSameAs(boom);
        assertThat(log.take()).containsExactly("makeObject", "make:failed");
        assertThat(p.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0, 0));
        assertThat(p.commons().getNumActive()).as("Commons Pool counted nothing").isZero();
        Item a = p.acquire();
        p.release(a);
        assertThat(log.take()).containsExactly("makeObject", "make:1", "activateObject", "passivateObject", "reset:1");
    }

    @Test
    void aFailingResetDropsTheObjectOnceAndPropagatesUnchanged() {
        CommonsObjectPool<Item> p = pool(2);
        Item a = p.acquire();
        log.take();
        IllegalArgumentException boom = new IllegalArgumentException("reset failed");
        log.failNextReset(boom);
        assertThatThrownBy(() -> p.release(a)).isSameAs(boom);
        assertThat(log.take()).containsExactly("passivateObject", "reset:failed:1", "discard:1", "destroyObject");
        assertThat(p.stats()).isEqualTo(new PoolStats(1, 1, 1, 0, 1, 0, 1));
        assertThat(p.idle()).isZero();
        assertThat(p.commons().getDestroyedCount()).isEqualTo(1);
    }

    @Test
    void aDoubleReleaseIsRefusedBeforeAnyCallbackRuns() {
        CommonsObjectPool<Item> p = pool(2);
        Item a = p.acquire();
        p.release(a);
        log.take();
        PoolStats before = p.stats();
        assertThatThrownBy(() -> p.release(a)).isInstanceOf(DoubleReleaseException.class)
                .hasMessageContaining("Item#1").hasMessageContaining("release() twice")
                .hasRootCauseMessage("Object has already been returned to this pool or is invalid");
        assertThat(log.take()).as("no reset of an object someone else may hold").isEmpty();
        assertThat(p.stats()).isEqualTo(before);
        assertThat(p.idle()).isEqualTo(1);
    }

    @Test
    void aForeignObjectIsRefusedBeforeAnyCallbackRuns() {
        CommonsObjectPool<Item> mine = pool(2);
        CommonsObjectPool<Item> theirs = pool(2);
        Item foreign = theirs.acquire();
        log.take();
        assertThatThrownBy(() -> mine.release(foreign)).isInstanceOf(ForeignObjectException.class)
                .hasMessageContaining("Item#1").hasMessageContaining("wrong pool")
                .hasRootCauseMessage("Returned object not currently part of this pool");
        assertThat(log.take()).isEmpty();
        assertThat(mine.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0, 0));
        theirs.release(foreign);
    }

    @Test
    void aResetMayReleaseAnotherObjectIntoTheSamePool() {
        // A reset that releases a child into the same pool nests one returnObject in another, on
        // one thread: each must see its own callbacks.
        AtomicReference<CommonsObjectPool<Node>> self = new AtomicReference<>();
        CommonsObjectPool<Node> p = new CommonsObjectPool<>(ObjectPoolConfig.builder(Node::new).reset(n -> {
            if (n.child != null) {
                self.get().release(n.child);
                n.child = null;
            }
        }).maxIdle(1).build(), CommonsOptions.defaults());
        self.set(p);
        Node parent = p.acquire();
        Node child = p.acquire();
        parent.child = child;
        p.release(parent); // child is kept (idle 1), then parent is dropped (idle full)
        assertThat(p.idle()).isEqualTo(1);
        assertThat(p.acquire()).isSameAs(child);
        assertThat(p.stats()).isEqualTo(new PoolStats(3, 2, 2, 0, 1, 1, 2));
        p.release(child);
        p.close();
    }

    /** A pooled object that may hold another of its pool. */
    static final class Node {
        Node child;
    }

    @Test
    void aNewObjectTheValidatorRejectsOnCreateIsDiscardedAndReported() {
        CommonsObjectPool<Item> p = pool(2, CommonsOptions.<Item>builder()
                .configure(c -> c.setTestOnCreate(true)).validator(log::valid).build());
        log.invalidFromNowOn();
        assertThatThrownBy(p::acquire).isInstanceOf(PoolException.class).hasMessageContaining("rejected a new object");
        assertThat(log.take()).containsExactly("makeObject", "make:1", "validateObject", "valid:1", "discard:1");
    }

    @Test
    void anIdleObjectTheValidatorRejectsOnBorrowIsDestroyedAndReplaced() {
        CommonsObjectPool<Item> p = pool(2, CommonsOptions.<Item>builder()
                .configure(c -> c.setTestOnBorrow(true)).validator(log::valid).build());
        Item a = p.acquire();
        p.release(a);
        log.take();
        log.invalidFromNowOn();
        // The idle one fails and is dropped; the new one fails too, and that is reported.
        assertThatThrownBy(p::acquire).isInstanceOf(PoolException.class);
        assertThat(log.take()).containsExactly("activateObject", "validateObject", "valid:1", "destroyObject",
                "discard:1", "makeObject", "make:2", "activateObject", "validateObject", "valid:2", "destroyObject",
                "discard:2");
    }

    @Test
    void closeDestroysTheIdleObjectsAndDiscardsEach() {
        CommonsObjectPool<Item> p = pool(2);
        Item a = p.acquire();
        Item b = p.acquire();
        p.release(a);
        p.release(b);
        log.take();
        p.close();
        assertThat(log.take()).containsExactlyInAnyOrder("destroyObject", "discard:1", "destroyObject", "discard:2");
        assertThat(p.commons().isClosed()).isTrue();
    }
}
