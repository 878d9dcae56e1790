package dev.poolkit.echo;

import java.util.concurrent.TimeUnit;
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
    private final AtomicLong refusedNoDescriptor = new AtomicLong();
    private final AtomicLong acceptFailures = new AtomicLong();
    /** Notified when the last open connection closes (for the drain). */
    private final Object noneOpen = new Object();

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
        if (open.decrementAndGet() == 0) {
            synchronized (noneOpen) {
                noneOpen.notifyAll();
            }
        }
    }

    /** accept() failed (e.g. out of file descriptors). */
    void countAcceptFailure() {
        acceptFailures.incrementAndGet();
    }

    /** A connection accepted on the reserve descriptor and closed at once: the process had none to spare. */
    void countRefusedNoDescriptor() {
        refusedNoDescriptor.incrementAndGet();
    }

    /** Waits until no connection is open; false iff {@code deadlineNanos} (a nanoTime) came first. */
    boolean awaitNoneOpen(long deadlineNanos) throws InterruptedException {
        synchronized (noneOpen) {
            while (open.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(noneOpen, left);
            }
            return true;
        }
    }

    int max() {
        return max;
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

    long refusedNoDescriptor() {
        return refusedNoDescriptor.get();
    }

    long acceptFailures() {
        return acceptFailures.get();
    }
}
