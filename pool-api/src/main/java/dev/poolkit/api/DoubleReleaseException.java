package dev.poolkit.api;

/** A block (or object) was released while it was already free in the pool. */
public class DoubleReleaseException extends PoolMisuseException {
    private static final long serialVersionUID = 1L;

    public DoubleReleaseException(String message) {
        super(message);
    }
}
