package dev.poolkit.local;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Tells the {@code local} object pools that a garbage collection has happened, the way Go's
 * runtime calls {@code poolCleanup} at the start of each GC. A sentinel object is registered with
 * a {@link Cleaner} and dropped at once; the collector finds it unreachable at its next cycle
 * (young or full), the cleaner runs our action, which ages every pool and plants a new sentinel.
 * No timer and no polling: with no GC there is nothing to do, and nothing runs. The same call
 * takes back the caches of threads that died, and, for a closed pool, drops what is left.
 */
final class GcSentinel {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "poolkit-gc-sentinel");
        t.setDaemon(true);
        return t;
    });
    /** Pools to age, held weakly so that registering does not keep a pool alive. */
    private static final Map<LocalObjectPool<?>, Boolean> POOLS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final System.Logger LOG = System.getLogger(GcSentinel.class.getName());
    private static boolean armed; // guarded by POOLS

    private GcSentinel() {
    }

    static void register(LocalObjectPool<?> pool) {
        synchronized (POOLS) {
            POOLS.put(pool, Boolean.TRUE);
            if (!armed) {
                armed = true;
                plant();
            }
        }
    }

    static void unregister(LocalObjectPool<?> pool) {
        POOLS.remove(pool);
    }

    private static void plant() {
        // The sentinel must not be reachable from the action, or it would never be collected.
        CLEANER.register(new Object(), GcSentinel::collected);
    }

    private static void collected() {
        LocalObjectPool<?>[] pools;
        synchronized (POOLS) {
            pools = POOLS.keySet().toArray(new LocalObjectPool<?>[0]);
            if (pools.length == 0) {
                armed = false; // nobody to tell: stop until a pool registers again
                return;
            }
            plant();
        }
        for (LocalObjectPool<?> p : pools) {
            try {
                if (!p.onGc()) {
                    unregister(p); // closed, and nothing left to drop
                }
            } catch (RuntimeException | Error e) {
                // A user's onDiscard hook threw. The pool has still rotated (see onGc); log it
                // and go on, so one bad hook does not stop the other pools from ageing.
                LOG.log(System.Logger.Level.WARNING, "onDiscard of " + p + " threw while dropping idle objects", e);
            }
        }
    }
}
