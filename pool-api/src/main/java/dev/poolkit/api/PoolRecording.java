package dev.poolkit.api;

import dev.poolkit.internal.BlockAccess;
import dev.poolkit.internal.Blocks;
import dev.poolkit.internal.jfr.Events;
import jdk.jfr.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Poolkit's JDK Flight Recorder events, and the settings that record only them.
 *
 * <p>The events, all named {@code dev.poolkit.*}: {@code Acquire} (sampled acquires of a
 * {@link SizeClassPool}: bytes requested, block size served, sampling rate), {@code BlockUse}
 * (sampled {@link #recordUse} calls), {@code Exhaustion}, {@code Unpooled} (a miss),
 * {@code Oversize} (a request above the largest class), {@code Wait} (time an acquire waited) and
 * {@code PoolStatistics} (every live pool's counters, each second and at close). Each is emitted on
 * a slow path, or behind a sampling test on the fast path, and checks whether it is enabled before
 * it does anything else: with no recording running they cost nothing measurable (the JMH
 * benchmark {@code RecordingCostBenchmark} puts the pairs side by side).
 *
 * <p>{@link #SETTINGS} is shipped in this jar and turns on these events and nothing else, so a
 * recording can be shared without the application's other data:
 * <pre>{@code
 * try (Recording r = new Recording(PoolRecording.settings())) {
 *     r.start();
 *     ...
 *     r.dump(Path.of("pool.jfr"));
 * }
 * }</pre>
 * or, from the command line, extract it and pass {@code -XX:StartFlightRecording:settings=poolkit.jfc}.
 */
public final class PoolRecording {
    /** The class-path resource of the settings file that enables Poolkit's events only. */
    public static final String SETTINGS = "/dev/poolkit/poolkit.jfc";
    /** One in this many acquires or uses is recorded: enough samples for a histogram, little overhead. */
    public static final int DEFAULT_SAMPLING_RATE = 16;
    private static final long USE_MASK = DEFAULT_SAMPLING_RATE - 1;
    private static final BlockAccess BLOCKS = Blocks.access();

    private PoolRecording() {
    }

    /**
     * Tells the recording how many bytes of {@code block} its holder really used, for code that
     * learns the size only after acquiring (a read into the block): the sizing advisor prefers these
     * to the requested sizes. One call in {@value #DEFAULT_SAMPLING_RATE} leases (picked by the
     * block's own lease count) is recorded as a {@code dev.poolkit.BlockUse} event; the others, and
     * all of them while no recording runs, cost a mask test.
     */
    public static void recordUse(Block block, int bytes) {
        if (((BLOCKS.word(block) >>> 1) & USE_MASK) == 0) {
            Events.used(block.pool(), bytes, block.buffer().capacity(), DEFAULT_SAMPLING_RATE);
        }
    }

    /** The settings of {@link #SETTINGS}: Poolkit's events on, every other event off. */
    public static Configuration settings() {
        try (InputStream in = PoolRecording.class.getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS + " is missing from the pool-api jar; rebuild it");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(SETTINGS + " does not parse: " + e.getMessage(), e);
        }
    }
}
