package dev.poolkit.echo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for observable state (a counter of the server, a socket's state), never for a guessed
 * time. Checks every millisecond; the deadline is a safety net that turns a hang into a failure
 * saying what was awaited and what was seen.
 */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + DEFAULT.toSeconds() + " s waiting until " + what
                        + "; state: " + state.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * For a loop that waits by doing (writing, selecting) rather than through {@link #until}: fails
     * once the test's {@code @Timeout} has interrupted this thread. A selector returns at once for an
     * interrupted thread, so without this such a loop would spin on past the timeout, and the run
     * would hang instead of failing.
     */
    static void failIfInterrupted(String what, Supplier<String> state) {
        if (Thread.interrupted()) {
            throw new AssertionError("interrupted (the test's timeout?) while waiting until " + what + "; state: "
                    + state.get());
        }
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "n/a");
    }
}
