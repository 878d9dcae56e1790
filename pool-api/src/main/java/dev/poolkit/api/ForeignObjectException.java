package dev.poolkit.api;

/** A block (or object) was released into a pool that did not hand it out. */
public class ForeignObjectException extends PoolMisuseException {
    private static final long serialVersionUID = 1L;

    public ForeignObjectException(String message) {
        super(message);
    }
}
