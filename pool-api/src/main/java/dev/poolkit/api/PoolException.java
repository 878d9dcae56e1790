package dev.poolkit.api;

/**
 * Root of every exception a pool throws on purpose. Catch this to handle "the pool said no"
 * without also catching bugs in your own code.
 */
public class PoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoolException(String message) {
        super(message);
    }

    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
