package dev.poolkit.commons;

import dev.poolkit.api.PoolClosedException;

/** What both commons pools make of Commons Pool's exceptions on the acquire path. */
final class Borrowing {
    private Borrowing() {
    }

    /**
     * borrowObject's IllegalStateException: Commons Pool is closed. If our pool is closed too,
     * close() ran between the base class's check and the borrow: say so in our terms.
     */
    static RuntimeException closedWhileAcquiring(String pool, boolean closed, IllegalStateException e) {
        if (closed) {
            PoolClosedException c = new PoolClosedException(pool + " was closed while this thread acquired; stop"
                    + " acquiring once shutdown begins");
            c.initCause(e);
            return c;
        }
        return e;
    }
}
