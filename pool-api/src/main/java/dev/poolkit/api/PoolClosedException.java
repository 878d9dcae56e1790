package dev.poolkit.api;

/** The pool was used after {@code close()}, or closed while a caller was waiting on it. */
public class PoolClosedException extends PoolException {
    private static final long serialVersionUID = 1L;

    public PoolClosedException(String message) {
        super(message);
    }
}
