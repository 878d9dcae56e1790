package dev.poolkit.commons;

/**
 * What Commons Pool's callbacks did during this thread's current {@code borrowObject} or
 * {@code returnObject}. Owned by its thread; holds no reference to the pool (it is a
 * {@code ThreadLocal} value, and a reference back would keep the pool alive as long as the thread).
 */
final class Returns {
    /** makeObject ran during the current borrow: the object is new, not a hit. */
    boolean made;
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
