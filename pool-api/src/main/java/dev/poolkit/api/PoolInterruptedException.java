package dev.poolkit.api;

/**
 * The thread was interrupted while {@link BlockPool#acquire()} waited for a block. The thread's
 * interrupt status is set again before this is thrown.
 */
public class PoolInterruptedException extends PoolException {
    private static final long serialVersionUID = 1L;

    public PoolInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
