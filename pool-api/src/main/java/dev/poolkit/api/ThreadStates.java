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
    private static final System.Logger LOG = System.getLogger(ThreadStates.class.getName());

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
        retireDead(); // before taking the lock: retirement runs backend hooks, which run outside it
        synchronized (lock) {
            PoolThreadState[] old = live;
            PoolThreadState[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = state;
            live = grown;
        }
        return state;
    }

    /**
     * Folds the states of terminated threads into the retired totals, then gives each to the
     * backend's retire hook. The bookkeeping is finished and published before any hook runs, and
     * hooks run outside the lock, one at a time, each isolated: a hook that throws (a user's
     * onDiscard, say) is logged and cannot leave a state counted twice or block other threads.
     */
    void retireDead() {
        List<PoolThreadState> dead;
        synchronized (lock) {
            PoolThreadState[] all = live;
            if (!anyDead(all)) {
                return;
            }
            dead = new ArrayList<>();
            List<PoolThreadState> keep = new ArrayList<>(all.length);
            for (PoolThreadState s : all) {
                (s.ownerDead() ? dead : keep).add(s);
            }
            live = keep.toArray(new PoolThreadState[0]);
            for (PoolThreadState s : dead) {
                fold(s);
            }
        }
        for (PoolThreadState s : dead) {
            runRetireHook(s);
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

    /** Adds a dead thread's final counters to the retired totals; under the lock. */
    private void fold(PoolThreadState s) {
        // The owner is dead, and its termination happens-before isAlive() returned false, so these
        // reads see its final values.
        retiredAcquires += s.acquires();
        retiredReleases += s.releases();
        retiredMisses += s.misses();
        retiredExhaustions += s.exhaustions();
        retiredDiscards += s.discards();
        retiredHighWater = Math.max(retiredHighWater, s.highWater());
        retiredNet = retiredNet + s.net();
    }

    @SuppressWarnings("unchecked") // every registered state came from the S factory
    private void runRetireHook(PoolThreadState s) {
        try {
            onRetire.accept((S) s);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "taking back the cache of a dead thread failed", e);
        }
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
        retireDead();
        synchronized (lock) {
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
            // Each thread's counters are read one after another while threads work, so a release on
            // one thread can be seen before the acquire on another: clamp the transient negative.
            long inUse = Math.max(0, acquires - releases);
            return new PoolStats(acquires, releases, misses, exhaustions, discards, inUse,
                    Math.max(highWater, inUse));
        }
    }
}
