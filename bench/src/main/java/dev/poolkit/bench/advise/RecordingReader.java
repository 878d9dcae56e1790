package dev.poolkit.bench.advise;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a flight recording with {@link RecordingFile} and builds the size histogram, from the first
 * source that has events:
 * <ol>
 *   <li>{@code dev.poolkit.BlockUse}: the bytes really used of a block (a read's length), each
 *       sample weighted by its sampling rate;</li>
 *   <li>{@code dev.poolkit.Acquire}: the bytes a {@code SizeClassPool} was asked for, likewise;</li>
 *   <li>the JDK's own allocation events for {@code byte[]} (which is also what a heap
 *       {@code ByteBuffer} allocates), for an application that does not use Poolkit yet.</li>
 * </ol>
 * Every {@code dev.poolkit.Oversize} request is added to a Poolkit histogram with weight 1.
 *
 * <p><b>The JDK's bias.</b> {@code jdk.ObjectAllocationInNewTLAB} is written when an allocation does
 * not fit the thread's TLAB, so an object of {@code s} bytes is caught with a chance of about
 * {@code s / tlabSize}: large arrays are over-represented by orders of magnitude. Each such event is
 * weighted by {@code tlabSize / s}, the number of allocations of that size it stands for.
 * {@code jdk.ObjectAllocationOutsideTLAB} is written for every allocation too large for any TLAB,
 * so it counts once. ({@code jdk.ObjectAllocationSample} carries a weight in bytes but no object
 * size, so it cannot place an allocation in the histogram and is not used.) Arrays allocated under
 * {@code java.lang.String*} or {@code AbstractStringBuilder} frames are strings, not buffers, and
 * are left out when the recording has stack traces. An array's size is its allocation size less
 * the 16-byte array header.
 */
final class RecordingReader {
    /** Print a progress line every this many events: a few lines for a large recording. */
    private static final long PROGRESS_EVERY = 250_000;
    /** byte[] header on a 64-bit JVM with compressed class pointers (the default). */
    static final int ARRAY_HEADER = 16;

    enum Source { AUTO, POOLKIT, JDK }

    private RecordingReader() {
    }

    static Observations read(Path file, Source want, int minSize, PrintStream progress) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file; pass a recording made with"
                    + " -XX:StartFlightRecording (or the echo server's --jfr FILE)");
        }
        long bytes = Files.size(file);
        progress.printf(Locale.ROOT, "advise: reading %s (%,.1f MiB)%n", file, bytes / 1048576.0);
        SizeHistogram uses = new SizeHistogram();
        // Reads that filled their block, by block size: their demand was at least that, maybe more.
        Map<Integer, SizeHistogram> fullByBlock = new HashMap<>();
        int largestBlock = 0;
        SizeHistogram acquires = new SizeHistogram();
        SizeHistogram oversize = new SizeHistogram();
        SizeHistogram jdk = new SizeHistogram();
        Map<String, Long> highWater = new HashMap<>();
        long events = 0;
        long fullUses = 0;
        long strings = 0;
        long start = System.nanoTime();
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e;
                try {
                    e = rf.readEvent();
                } catch (IOException ex) {
                    progress.println("advise: the recording ends early (" + ex.getMessage() + "); using what was read");
                    break;
                }
                events++;
                if (events % PROGRESS_EVERY == 0) {
                    progress.printf(Locale.ROOT, "advise: %,d events read (%.0f s)%n", events,
                            (System.nanoTime() - start) / 1e9);
                }
                switch (e.getEventType().getName()) {
                    case "dev.poolkit.BlockUse" -> {
                        largestBlock = Math.max(largestBlock, e.getInt("blockSize"));
                        if (e.getBoolean("full")) {
                            fullByBlock.computeIfAbsent(e.getInt("blockSize"), k -> new SizeHistogram())
                                    .add(e.getInt("used"), e.getInt("samplingRate"));
                        } else {
                            uses.add(e.getInt("used"), e.getInt("samplingRate"));
                        }
                    }
                    case "dev.poolkit.Acquire" -> acquires.add(e.getInt("requested"), e.getInt("samplingRate"));
                    case "dev.poolkit.Oversize" -> oversize.add(e.getInt("requested"), 1);
                    case "dev.poolkit.PoolStatistics" -> highWater.merge(e.getString("pool"), e.getLong("highWater"),
                            Math::max);
                    case "jdk.ObjectAllocationInNewTLAB" -> {
                        if (isByteArray(e)) {
                            long size = e.getLong("allocationSize");
                            long tlab = e.getLong("tlabSize");
                            if (isString(e)) {
                                strings++;
                            } else if (size > ARRAY_HEADER) {
                                jdk.add((int) Math.min(Integer.MAX_VALUE, size - ARRAY_HEADER),
                                        Math.max(1.0, (double) tlab / size));
                            }
                        }
                    }
                    case "jdk.ObjectAllocationOutsideTLAB" -> {
                        if (isByteArray(e)) {
                            long size = e.getLong("allocationSize");
                            if (isString(e)) {
                                strings++;
                            } else if (size > ARRAY_HEADER) {
                                jdk.add((int) Math.min(Integer.MAX_VALUE, size - ARRAY_HEADER), 1);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        progress.printf(Locale.ROOT, "advise: %,d events read in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
        // A full read of a block smaller than the largest one in use says only "more than this block":
        // the same request shows again as the larger read of the next, larger block (a stream reader
        // that grows its buffer), so counting it would add a mode that is not there. Full reads of the
        // largest block are kept: nothing larger was offered, so they are the best evidence there is.
        long droppedFull = 0;
        for (Map.Entry<Integer, SizeHistogram> f : fullByBlock.entrySet()) {
            if (f.getKey() == largestBlock) {
                f.getValue().weights().forEach(uses::add);
                fullUses += f.getValue().events();
            } else {
                droppedFull += f.getValue().events();
            }
        }
        long peak = highWater.values().stream().mapToLong(Long::longValue).sum();
        List<String> notes = new ArrayList<>();
        SizeHistogram chosen;
        String source;
        boolean poolkit = !uses.isEmpty() || !acquires.isEmpty() || !oversize.isEmpty();
        if (want == Source.JDK || (want == Source.AUTO && !poolkit)) {
            chosen = jdk;
            source = String.format(Locale.ROOT, "the JDK's byte[] allocation events (%,d kept)", jdk.events());
            notes.add("The JDK's TLAB events catch an allocation of s bytes with a chance of about s/tlabSize, so large"
                    + " arrays are over-represented; each jdk.ObjectAllocationInNewTLAB event is weighted by"
                    + " tlabSize/s to correct it, each jdk.ObjectAllocationOutsideTLAB event counts once.");
            notes.add("Heap ByteBuffers are counted through their byte[]; direct ByteBuffers allocate outside the heap"
                    + " and no JDK event gives their sizes.");
            if (strings > 0) {
                notes.add(String.format(Locale.ROOT, "%,d byte[] allocations under String frames were left out (strings,"
                        + " not buffers).", strings));
            }
        } else {
            chosen = !uses.isEmpty() ? uses : acquires;
            source = !uses.isEmpty()
                    ? String.format(Locale.ROOT, "Poolkit's dev.poolkit.BlockUse events (%,d samples)", uses.events())
                    : String.format(Locale.ROOT, "Poolkit's dev.poolkit.Acquire events (%,d samples)", acquires.events());
            notes.add("Each sampled event stands for its samplingRate requests and is weighted so.");
            if (!oversize.isEmpty()) {
                oversize.weights().forEach(chosen::add);
                notes.add(String.format(Locale.ROOT, "%,d requests above the largest class (dev.poolkit.Oversize) are"
                        + " included.", oversize.events()));
            }
            if (droppedFull > 0) {
                notes.add(String.format(Locale.ROOT, "%,d sampled reads that filled a block smaller than the largest"
                        + " were left out: their request was larger than that block, and shows again in the reads"
                        + " of the larger block that followed.", droppedFull));
            }
            if (fullUses > 0) {
                notes.add(String.format(Locale.ROOT, "%,d sampled uses filled their whole block: those requests may"
                        + " have been larger than the block, so the largest class may be too small; check the"
                        + " Oversize and Exhaustion events after the change.", fullUses));
            }
        }
        if (minSize > 0) {
            SizeHistogram kept = new SizeHistogram();
            chosen.weights().forEach((s, w) -> {
                if (s >= minSize) {
                    kept.add(s, w);
                }
            });
            notes.add("Requests under " + minSize + " bytes were left out (--min-size).");
            chosen = kept;
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no request sizes (" + events + " events): record with"
                    + " Poolkit's settings (PoolRecording.SETTINGS, or the echo server's --jfr FILE), or, for an"
                    + " application without Poolkit, with jdk.ObjectAllocationInNewTLAB and"
                    + " jdk.ObjectAllocationOutsideTLAB enabled (e.g. settings=profile)");
        }
        return new Observations(chosen, source, peak, events, notes);
    }

    private static boolean isByteArray(RecordedEvent e) {
        RecordedClass c = e.getClass("objectClass");
        return c != null && (c.getName().equals("byte[]") || c.getName().equals("[B"));
    }

    private static boolean isString(RecordedEvent e) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) {
            return false;
        }
        List<RecordedFrame> frames = st.getFrames();
        for (int i = 0; i < Math.min(4, frames.size()); i++) {
            String type = frames.get(i).getMethod().getType().getName();
            if (type.startsWith("java.lang.String") || type.equals("java.lang.AbstractStringBuilder")) {
                return true;
            }
        }
        return false;
    }
}
