package dev.poolkit.api;

/**
 * {@code release(null)}. The seed's Go pool ignores {@code free(nil)}; we refuse it, because in
 * Java a null here almost always means an acquire failed or a field was cleared too early, and
 * ignoring it would hide a leak.
 */
public class NullReleaseException extends PoolMisuseException {
    private static final long serialVersionUID = 1L;

    public NullReleaseException(String message) {
        super(message);
    }
}
