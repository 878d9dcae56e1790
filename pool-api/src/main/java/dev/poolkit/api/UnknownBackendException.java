package dev.poolkit.api;

import java.util.List;

/** {@link Pools} was asked for a backend name that no module on the class path provides. */
public class UnknownBackendException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> available;

    public UnknownBackendException(String requested, List<String> available) {
        super("no pool backend named '" + requested + "'; available: " + String.join(", ", available)
                + ". A backend other than 'local' needs its module (e.g. dev.poolkit:pool-"
                + requested + ") on the class path.");
        this.available = List.copyOf(available);
    }

    /** The names that were available when the lookup failed. */
    public List<String> available() {
        return available;
    }
}
