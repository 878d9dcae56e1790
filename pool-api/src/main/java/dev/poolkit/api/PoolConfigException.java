package dev.poolkit.api;

/**
 * A configuration value is out of range. Thrown by the builders before any memory is reserved;
 * the message names the setting, the bad value and the accepted range.
 */
public class PoolConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PoolConfigException(String message) {
        super(message);
    }
}
