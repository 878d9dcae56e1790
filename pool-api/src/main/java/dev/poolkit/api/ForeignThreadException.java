package dev.poolkit.api;

/** A {@link BlockTap} was used by a thread other than the one that made it. */
public class ForeignThreadException extends PoolMisuseException {
    private static final long serialVersionUID = 1L;

    public ForeignThreadException(String message) {
        super(message);
    }
}
