package dev.poolkit.commons;

/**
 * Carries an exception of ours (the factory's, the reset's) through Commons Pool, which
 * declares {@code throws Exception} and may swallow what passes. No stack trace of its own.
 */
final class CallbackFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CallbackFailure(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    /** Rethrows an Error, returns a RuntimeException to throw: all our callbacks ever throw. */
    static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        return (RuntimeException) t;
    }
}
