package dev.poolkit.spi;

import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link AbstractObjectPool#stats()} reports when a backend's counts lag its store, stepped
 * by hand instead of raced: the order a snapshot can meet them in during traffic.
 */
class ObjectPoolStatsTest {

    /** A store whose counts are set by the test, not by its polls and offers. */
    static final class LaggingPool extends AbstractObjectPool<Object> {
        final ArrayDeque<Object> idle = new ArrayDeque<>();
        long hits;
        long kept;

        LaggingPool() {
            super("lagging", ObjectPoolConfig.builder(Object::new).maxIdle(8).build());
        }

        @Override
        protected Object pollIdle() {
            return idle.poll();
        }

        @Override
        protected boolean offerIdle(Object object) {
            return idle.offer(object);
        }

        @Override
        protected void drainIdle(Consumer<? super Object> sink) {
            idle.forEach(sink);
            idle.clear();
        }

        @Override
        protected long idleHits() {
            return hits;
        }

        @Override
        protected long idleKept() {
            return kept;
        }

        @Override
        public int idle() {
            return idle.size();
        }
    }

    @Test
    void aReleaseCountedAfterTheNextAcquireOfItsObjectDoesNotCountTheObjectTwice() {
        LaggingPool p = new LaggingPool();
        Object a = p.acquire();
        Object b = p.acquire(); // two objects made: at most two can be out
        p.release(a);
        p.hits++; // another thread took a again and counted it, before a's release is counted
        PoolStats s = p.stats();
        assertThat(s.inUse()).as(s.toString()).isLessThanOrEqualTo(2);
        assertThat(s.highWater()).as(s.toString()).isEqualTo(2);
        assertThat(s.acquires() - s.releases()).isEqualTo(s.inUse());

        p.kept++; // a's release is counted at last
        PoolStats later = p.stats();
        assertThat(later.highWater()).as("%s, then %s", s, later).isEqualTo(2);
        assertThat(later.releases()).isGreaterThanOrEqualTo(s.releases());
        p.release(b);
        p.kept++;
    }

    @Test
    void releasesDoNotGoDownWhenABackendMovesOneFromKeptToDiscarded() {
        LaggingPool p = new LaggingPool();
        p.release(p.acquire());
        p.kept = 1;
        PoolStats before = p.stats();
        p.kept = 0; // taken back, as commons does when it destroys a passivated object...
        PoolStats between = p.stats(); // ...before the base class counts the discard
        assertThat(between.releases()).as("%s, then %s", before, between).isEqualTo(before.releases());
        assertThat(between.inUse()).isZero();
    }

    @Test
    void atRestEveryFieldIsExact() {
        LaggingPool p = new LaggingPool();
        Object a = p.acquire();
        Object b = p.acquire();
        p.release(a);
        p.kept = 1;
        PoolStats s = p.stats();
        assertThat(s.acquires()).isEqualTo(2);
        assertThat(s.releases()).isEqualTo(1);
        assertThat(s.inUse()).isEqualTo(1);
        assertThat(s.highWater()).isEqualTo(2);
        p.release(b);
    }
}
