package dev.poolkit.echo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection counts shared by the acceptor (which opens and refuses) and the loops (which close).
 * Touched once per connection, never per byte, so plain atomics are cheap enough.
 */
final class ConnectionCounters {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    ConnectionCounters(int max) {
        this.max = max;
    }

    /** Counts a new connection in: true iff fewer than max were open (else it is counted as refused). */
    boolean tryOpen() {
        while (true) {
            int n = open.get();
            if (n >= max) {
                refused.incrementAndGet();
                return false;
            }
            // CAS, not incrementAndGet-then-check: the limit must hold even while loops close connections.
            if (open.compareAndSet(n, n + 1)) {
                accepted.incrementAndGet();
                return true;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }
}
