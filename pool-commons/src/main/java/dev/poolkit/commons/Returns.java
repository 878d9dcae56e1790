package dev.poolkit.commons;

import dev.poolkit.api.PoolThreadState;

/**
 * What Commons Pool's callbacks did during this thread's current {@code returnObject}. Owned by
 * its thread; holds no reference to the pool (see {@link PoolThreadState}).
 */
final class Returns extends PoolThreadState {
    /** The object this thread is returning right now, or null. */
    Object returning;
    /** passivateObject ran: the release was counted and the reset applied. */
    boolean reset;
    /** Commons Pool destroyed the object during the return. */
    boolean destroyed;
    /** What the reset threw, rethrown once returnObject is done. */
    Throwable resetFailure;

    void begin(Object object) {
        restore(object, false, false, null);
    }

    void restore(Object object, boolean wasReset, boolean wasDestroyed, Throwable failure) {
        returning = object;
        reset = wasReset;
        destroyed = wasDestroyed;
        resetFailure = failure;
    }
}
