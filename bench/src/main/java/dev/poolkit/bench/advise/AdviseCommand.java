package dev.poolkit.bench.advise;

import dev.poolkit.api.BlockPoolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code advise RECORDING.jfr}: the other answer to "how big?": read the application's own
 * requests from a flight recording and recommend size classes and capacities.
 */
@Command(name = "advise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommends size classes and capacities from a flight recording: Poolkit's own events",
                "(record with the shipped poolkit.jfc, or the echo server's --jfr FILE), or the JDK's byte[]",
                "allocation events for an application without Poolkit. Writes ADVICE.md, advice.json,",
                "sizes.csv (the histogram) and advice.png to --out."})
public final class AdviseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECORDING.jfr", description = "The recording to read.")
    Path recording;

    @Option(names = "--waste", defaultValue = "12.5", paramLabel = "PERCENT",
            description = "Largest round-up waste per request, as a percentage of its size (default: ${DEFAULT-VALUE}, as Go's size classes).")
    double wastePercent;

    @Option(names = "--headroom", defaultValue = "25", paramLabel = "PERCENT",
            description = "Capacity above each class's expected peak (default: ${DEFAULT-VALUE}).")
    double headroomPercent;

    @Option(names = "--peak", paramLabel = "BLOCKS",
            description = "Peak blocks in use to size for (default: the recording's PoolStatistics high-water marks).")
    Long peak;

    @Option(names = "--source", defaultValue = "auto", paramLabel = "auto|poolkit|jdk",
            description = "Which events to build the histogram from (default: ${DEFAULT-VALUE}: Poolkit's if any).")
    String source;

    @Option(names = "--min-size", defaultValue = "0", paramLabel = "BYTES",
            description = "Leave out requests under this size (default: ${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--backend", defaultValue = "local", description = "Backend named in the pasted code (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--out", defaultValue = "advice", description = "Directory for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!(wastePercent > 0) || wastePercent > 100) {
            throw new IllegalArgumentException("--waste must be a percentage above 0 and at most 100, got " + wastePercent);
        }
        if (headroomPercent < 0) {
            throw new IllegalArgumentException("--headroom must be >= 0 percent, got " + headroomPercent);
        }
        if (peak != null && peak <= 0) {
            throw new IllegalArgumentException("--peak must be > 0 blocks, got " + peak);
        }
        RecordingReader.Source src = switch (source.toLowerCase(Locale.ROOT)) {
            case "auto" -> RecordingReader.Source.AUTO;
            case "poolkit" -> RecordingReader.Source.POOLKIT;
            case "jdk" -> RecordingReader.Source.JDK;
            default -> throw new IllegalArgumentException("--source must be auto, poolkit or jdk, got '" + source + "'");
        };
        Advice a = advise(recording, src, wastePercent / 100, headroomPercent / 100, peak, minSize, backend, out,
                System.err);
        PrintStream o = System.out;
        o.println(AdviceReport.table(a));
        o.println(AdviceReport.summary(a));
        o.println();
        o.println(a.javaCode());
        o.println("echo server: " + a.echoFlags());
        o.println();
        o.println("wrote " + out.resolve(AdviceReport.MARKDOWN) + ", " + AdviceReport.JSON + ", " + AdviceReport.CSV
                + ", " + AdviceReport.CHART);
        return 0;
    }

    /** Reads, plans and writes every file; returns the advice. */
    static Advice advise(Path recording, RecordingReader.Source src, double waste, double headroom, Long peakOverride,
                         int minSize, String backend, Path out, PrintStream progress) throws IOException {
        Observations obs = RecordingReader.read(recording, src, minSize, progress);
        long peak;
        String peakSource;
        if (peakOverride != null) {
            peak = peakOverride;
            peakSource = "--peak";
        } else if (obs.peakInUse() > 0) {
            peak = obs.peakInUse();
            peakSource = "the sum of every pool's high-water mark in the recording's dev.poolkit.PoolStatistics events";
        } else {
            peak = BlockPoolConfig.DEFAULT_CAPACITY;
            peakSource = "no pool statistics in the recording, so the default pool size; pass --peak";
        }
        Advisor.Plan plan = Advisor.plan(obs.histogram(), waste, headroom, peak);
        Advice.Single single = Advisor.single(obs.histogram(), headroom, peak);
        List<String> notes = new ArrayList<>(obs.notes());
        notes.add(String.format(Locale.ROOT, "%,d events read; the histogram has %,d distinct sizes from %,d to %,d B"
                        + " (median %,d B, p99 %,d B).", obs.events(), obs.histogram().weights().size(),
                obs.histogram().min(), obs.histogram().max(), obs.histogram().quantile(0.5),
                obs.histogram().quantile(0.99)));
        Advice a = new Advice(recording.toString(), obs.source(), obs.histogram().total(), waste, headroom, peak,
                peakSource, plan.classes(), plan.reserved(), plan.meanWaste(), single,
                Advisor.javaCode(plan.classes(), backend), Advisor.echoFlags(plan.classes()), notes);
        AdviceReport.writeAll(a, obs.histogram(), out);
        return a;
    }
}
