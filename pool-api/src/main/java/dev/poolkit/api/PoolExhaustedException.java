package dev.poolkit.api;

/**
 * {@link BlockPool#acquire()} found no free block and its {@link ExhaustionPolicy} gave up: at once
 * ({@link ExhaustionPolicy#fail()}) or after its wait ({@link ExhaustionPolicy#await}). The message
 * carries the capacity, the blocks in use and the time waited.
 */
public class PoolExhaustedException extends PoolException {
    private static final long serialVersionUID = 1L;

    public PoolExhaustedException(String message) {
        super(message);
    }

    public PoolExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
