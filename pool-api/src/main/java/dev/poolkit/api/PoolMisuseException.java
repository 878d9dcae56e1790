package dev.poolkit.api;

/**
 * The caller broke the pool's protocol (released something it should not have). The pool refused
 * the call and its state is unchanged: no object was lost and none will be handed out twice.
 * The subclasses name the mistake; the message says what the caller most likely did.
 */
public class PoolMisuseException extends PoolException {
    private static final long serialVersionUID = 1L;

    public PoolMisuseException(String message) {
        super(message);
    }
}
