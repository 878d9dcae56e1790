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

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "n/a");
    }
}
