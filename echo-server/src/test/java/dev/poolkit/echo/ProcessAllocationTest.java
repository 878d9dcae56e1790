package dev.poolkit.echo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-JVM allocation meter of the thread-per-connection server measures, on HotSpot. */
class ProcessAllocationTest {
    private static volatile byte[] sink;

    @Test
    void countsWhatThisJvmAllocates() {
        ProcessAllocation meter = new ProcessAllocation();
        sink = new byte[1 << 20];
        assertThat(sink).hasSize(1 << 20);
        assertThat(meter.bytes()).as("bytes allocated since the meter was made").isGreaterThanOrEqualTo(1 << 20);
    }
}
