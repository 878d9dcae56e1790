package dev.poolkit.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link Pools} was asked for a backend name that no module on the class path provides. */
public class UnknownBackendException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> available;

    public UnknownBackendException(String requested, List<String> available) {
        super(message(requested, available));
        this.available = List.copyOf(available);
    }

    private static String message(String requested, List<String> available) {
        String base = "no pool backend named '" + requested + "'; available: " + String.join(", ", available) + ".";
        // A typo of a backend that is not on the class path is as likely as one of a present one.
        Set<String> all = new TreeSet<>(available);
        all.addAll(BackendNames.poolkitBackends());
        Optional<String> suggestion = BackendNames.closest(requested, all);
        if (suggestion.isPresent()) {
            String s = suggestion.get();
            if (available.contains(s)) {
                return base + BackendNames.didYouMean(requested, List.of(s));
            }
            return base + " Did you mean '" + s + "'? It needs its module, " + BackendNames.module(s).orElseThrow()
                    + ", on the class path.";
        }
        return base + " A backend other than 'local' needs its module on the class path: dev.poolkit:pool-freelist,"
                + " dev.poolkit:pool-commons or dev.poolkit:pool-jctools.";
    }

    /** The names that were available when the lookup failed. */
    public List<String> available() {
        return available;
    }
}
