package dev.poolkit.echo;

import java.util.Arrays;
import java.util.stream.Stream;

/** The I/O models the tests run every variant in: the event loops always, virtual threads on Java 21+. */
final class IoModels {
    private IoModels() {
    }

    static Stream<IoModel> available() {
        return Arrays.stream(IoModel.values()).filter(IoModel::available);
    }
}
