package dev.poolkit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The registry of one pool's per-thread states: hands each thread its own, sums them into
 * {@link PoolStats}, and folds the states of dead threads into a retired total (after giving the
 * backend a chance to take back what the dead thread cached).
 */
final class ThreadStates<S extends PoolThreadState> {
    private final ThreadLocal<S> local;
    private final Consumer<S> onRetire;
    private final Object lock = new Object();
    /** Copy-on-write under {@link #lock}, so summing the live states needs no lock and no iterator. */
    private volatile PoolThreadState[] live = new PoolThreadState[0];
    // Totals of dead threads, guarded by lock.
    private long retiredAcquires;
    private long retiredReleases;
    private long retiredMisses;
    private long retiredExhaustions;
    private long retiredDiscards;
    private long retiredHighWater;
    /** Read without the lock when refreshing a high-water mark; written under it. */
    private volatile long retiredNet;

    ThreadStates(Supplier<S> factory, Consumer<S> onRetire) {
        this.onRetire = onRetire;
        this.local = ThreadLocal.withInitial(() -> register(factory.get()));
    }

    /** This thread's state; registers it on first use. */
    S current() {
        return local.get();
    }

    void acquired(S t) {
        if (t.countAcquire()) {
            t.observe(othersNet(t));
        }
    }

    private long othersNet(PoolThreadState self) {
        long sum = retiredNet;
        for (PoolThreadState s : live) {
            if (s != self) {
                sum += s.net();
            }
        }
        return sum;
    }

    private S register(S state) {
        synchronized (lock) {
            retireDead();
            PoolThreadState[] old = live;
            PoolThreadState[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = state;
            live = grown;
        }
        return state;
    }

    /** Folds the states of terminated threads into the retired totals. */
    void retireDead() {
        synchronized (lock) {
            PoolThreadState[] all = live;
            if (!anyDead(all)) {
                return;
            }
            List<PoolThreadState> keep = new ArrayList<>(all.length);
            for (PoolThreadState s : all) {
                if (s.ownerDead()) {
                    retire(s);
                } else {
                    keep.add(s);
                }
            }
            if (keep.size() != all.length) {
                live = keep.toArray(new PoolThreadState[0]);
            }
        }
    }

    private static boolean anyDead(PoolThreadState[] states) {
        for (PoolThreadState s : states) {
            if (s.ownerDead()) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked") // every registered state came from the S factory
    private void retire(PoolThreadState s) {
        // The owner is dead, and its termination happens-before isAlive() returned false, so these
        // reads see its final values.
        onRetire.accept((S) s);
        retiredAcquires += s.acquires();
        retiredReleases += s.releases();
        retiredMisses += s.misses();
        retiredExhaustions += s.exhaustions();
        retiredDiscards += s.discards();
        retiredHighWater = Math.max(retiredHighWater, s.highWater());
        retiredNet = retiredNet + s.net();
    }

    /** Visits every live state (for backends that must look into other threads' caches). */
    void forEachLive(Consumer<S> visitor) {
        retireDead();
        for (PoolThreadState s : live) {
            @SuppressWarnings("unchecked") // every registered state came from the S factory
            S state = (S) s;
            visitor.accept(state);
        }
    }

    PoolStats snapshot() {
        synchronized (lock) {
            retireDead();
            long acquires = retiredAcquires;
            long releases = retiredReleases;
            long misses = retiredMisses;
            long exhaustions = retiredExhaustions;
            long discards = retiredDiscards;
            long highWater = retiredHighWater;
            for (PoolThreadState s : live) {
                // Read releases before acquires: a release is always preceded by its acquire, so
                // this order cannot show more releases than acquires for one thread's own work.
                releases += s.releases();
                acquires += s.acquires();
                misses += s.misses();
                exhaustions += s.exhaustions();
                discards += s.discards();
                highWater = Math.max(highWater, s.highWater());
            }
            long inUse = acquires - releases;
            return new PoolStats(acquires, releases, misses, exhaustions, discards, inUse,
                    Math.max(highWater, inUse));
        }
    }
}
