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

    private Twins() {
    }

    /** The twin row of the backend called {@code backend}, if it declared one. */
    public static Optional<String> of(String backend) {
        return Optional.ofNullable(TWIN.get(backend));
    }
}
