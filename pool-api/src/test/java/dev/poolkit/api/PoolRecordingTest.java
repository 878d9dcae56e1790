package dev.poolkit.api;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolRecordingTest {

    @Test
    void theShippedSettingsTurnOnPoolkitsEventsAndNothingElse() {
        Configuration c = PoolRecording.settings();
        assertThat(c.getLabel()).isEqualTo("Poolkit");
        Map<String, String> on = c.getSettings().entrySet().stream()
                .filter(e -> e.getKey().endsWith("#enabled") && e.getValue().equals("true"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(on.keySet()).allSatisfy(k -> assertThat(k).startsWith("dev.poolkit."));
        assertThat(on).hasSize(7);
    }

    @Test
    void aRecordingHoldsTheSampledAcquiresWithTheirRateAndEverySlowPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.jfr");
        try (Recording r = new Recording(PoolRecording.settings())) {
            r.start();
            try (SizeClassPool p = SizeClassPool.builder().sizeClass(64, 2).sizeClass(4096, 2).samplingRate(4)
                    .exhaustion(ExhaustionPolicy.unpooled()).build()) {
                for (int i = 0; i < 400; i++) {
                    Block b = p.acquire(3000);
                    PoolRecording.recordUse(b, 2999);
                    p.release(b);
                }
                Block a = p.acquire(10);
                Block b = p.acquire(10);
                Block miss = p.acquire(10);  // the class is full: unpooled
                Block big = p.acquire(9000); // above the largest class
                List.of(a, b, miss, big).forEach(p::release);
            }
            try (SizeClassPool w = SizeClassPool.builder().sizeClass(64, 1)
                    .exhaustion(ExhaustionPolicy.await(Duration.ofMillis(1))).build()) {
                Block only = w.acquire(1);
                assertThatThrownBy(() -> w.acquire(1)).isInstanceOf(PoolExhaustedException.class);
                w.release(only);
            }
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, Long> byName = events.stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
        assertThat(byName.keySet()).allSatisfy(n -> assertThat(n).startsWith("dev.poolkit."));
        // Each of the two 4 KiB blocks served about 200 of the 400 acquires; one lease in 4 is sampled.
        List<RecordedEvent> acquires = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.poolkit.Acquire")).toList();
        assertThat(acquires).hasSizeBetween(90, 110);
        assertThat(acquires).allSatisfy(e -> {
            assertThat(e.getInt("samplingRate")).isEqualTo(4);
        });
        assertThat(acquires.stream().filter(e -> e.getInt("requested") == 3000 && e.getInt("served") == 4096)).isNotEmpty();
        List<RecordedEvent> uses = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.poolkit.BlockUse")).toList();
        assertThat(uses).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getInt("used")).isEqualTo(2999);
            assertThat(e.getInt("samplingRate")).isEqualTo(PoolRecording.DEFAULT_SAMPLING_RATE);
        });
        assertThat(byName).containsKeys("dev.poolkit.Exhaustion", "dev.poolkit.Unpooled", "dev.poolkit.Oversize",
                "dev.poolkit.Wait", "dev.poolkit.PoolStatistics");
        RecordedEvent over = events.stream().filter(e -> e.getEventType().getName().equals("dev.poolkit.Oversize"))
                .findFirst().orElseThrow();
        assertThat(over.getInt("requested")).isEqualTo(9000);
        assertThat(over.getInt("largestClass")).isEqualTo(4096);
        // At close each class reports its high-water mark.
        assertThat(events.stream().filter(e -> e.getEventType().getName().equals("dev.poolkit.PoolStatistics"))
                .anyMatch(e -> e.getInt("blockSize") == 64 && e.getLong("highWater") == 3)).isTrue();
    }
}
