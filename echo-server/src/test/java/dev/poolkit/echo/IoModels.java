package dev.poolkit.echo;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The I/O models the tests run every variant in: every one this JVM runs (the event loops always,
 * virtual threads on Java 21+), or only the one named by {@code -Dpoolkit.test.io}.
 */
final class IoModels {
    private IoModels() {
    }

    static Stream<IoModel> available() {
        String only = System.getProperty("poolkit.test.io", "all");
        if (!only.equals("all")) {
            IoModel m = IoModel.fromFlag(only);
            if (!m.available()) {
                throw new IllegalStateException("-Dpoolkit.test.io=" + only + ": " + m.unavailableReason());
            }
            return Stream.of(m);
        }
        return Arrays.stream(IoModel.values()).filter(IoModel::available);
    }
}
