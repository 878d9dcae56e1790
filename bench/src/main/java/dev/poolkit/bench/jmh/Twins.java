package dev.poolkit.bench.jmh;

import java.util.Map;
import java.util.Optional;

/**
 * Every backend's bare twin: the same design written plainly, with nothing of ours, a row of every
 * block and object benchmark. The report prints each backend's cost as a ratio to its twin, so
 * what Poolkit's layer adds is visible. A new backend adds its entry here and its twin's row in
 * {@link BlockSubjects} and {@link ObjectSubjects}; {@code TwinsTest} fails until it does.
 */
public final class Twins {
    private static final Map<String, String> TWIN = Map.of(
            "freelist", BlockSubjects.RAW_FREELIST,
            "local", BlockSubjects.RAW_LOCAL,
            "jctools", BlockSubjects.RAW_JCTOOLS,
            "commons", BlockSubjects.RAW_COMMONS);

    /**
     * Twins with the atomic double-release refusal added (the one part of Poolkit's layer that
     * costs an atomic instruction), for the backends whose free set does not fold it into a lock
     * it already takes: the floor of that design under the backend's targets (for {@code jctools}
     * its ratio to its twin, for {@code local} its ratio to Stormpot).
     */
    private static final Map<String, String> REFUSING = Map.of("jctools", BlockSubjects.RAW_JCTOOLS_REFUSING,
            "local", BlockSubjects.RAW_LOCAL_REFUSING);

    private Twins() {
    }

    /** The refusing twin of {@code backend}, if it has one (see {@link #REFUSING}). */
    public static Optional<String> refusingOf(String backend) {
        return Optional.ofNullable(REFUSING.get(backend));
    }

    /** The twin row of the backend called {@code backend}, if it declared one. */
    public static Optional<String> of(String backend) {
        return Optional.ofNullable(TWIN.get(backend));
    }
}
