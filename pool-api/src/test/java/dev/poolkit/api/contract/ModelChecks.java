package dev.poolkit.api.contract;

/** How hard the model checks look: enough to find a broken CAS in seconds, small enough for every build. */
public final class ModelChecks {
    public static final int ITERATIONS = 2;
    public static final int INVOCATIONS = 250;

    private ModelChecks() {
    }
}
