package dev.poolkit.bench.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.poolkit.bench.Environment;
import dev.poolkit.bench.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual-thread scenario (issue 10's targets): tens of thousands of short-lived virtual
 * threads, each doing a few acquire+release pairs on one shared pool of 1024 x 4 KiB blocks, for
 * every Poolkit backend that holds blocks per thread or not ({@code local}, {@code freelist},
 * {@code jctools}) beside Stormpot 4's virtual-thread-safe tap, Netty's adaptive allocator and
 * plain allocation. Each subject runs in JVMs of its own ({@code bench-vt/target/vt-scenario.jar},
 * which carries Stormpot 4 apart from the bench's Stormpot 3.2), on the Java 21+ executable given.
 *
 * <p>Measured per round: the cost per pair over an empty virtual task at two thread counts (the
 * windows each thread times around its pairs, over those of empty tasks: {@link #inTaskPerPair};
 * the wall-time difference, {@link #wallPerPair}, is shown beside it but too noisy to judge), the
 * same pair in a loop on one platform thread, and the heap still used after full collections once
 * 1k and then 100k threads have used a fresh pool. Each figure is the median of the rounds with an
 * order-statistic interval ({@link MedianInterval}); verdicts follow the report's rule: MET or
 * MISSED only when the whole interval lies on one side.
 *
 * <pre>{@code
 * VirtualThreadPhase.Result r = new VirtualThreadPhase(VirtualThreadPhase.Settings.QUICK)
 *         .run(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"), List.of(), Path.of("report"), System.err::println);
 * }</pre>
 */
public final class VirtualThreadPhase {
    /** The Poolkit backends the targets judge. */
    public static final List<String> JUDGED = List.of("local", "freelist", "jctools");
    public static final List<String> SUBJECTS = List.of("local", "freelist", "jctools", "stormpot4-vt-tap",
            "netty-adaptive", "plain");
    /** Target: a pair on a virtual thread costs at most this many times the backend's one-thread platform pair. */
    static final double MAX_VIRTUAL_OVER_PLATFORM = 2.0;
    /** Target: the pair cost at the smaller thread count is within this factor of the larger one's. */
    static final double MAX_THREAD_COUNT_FACTOR = 1.3;
    /**
     * Target: heap kept grows by at most this many bytes per extra thread that used the pool. Any
     * object kept per thread costs at least 16 bytes (its header alone), so per-thread state
     * misses it; collector noise at 100k threads stays well below it.
     */
    static final double MAX_BYTES_PER_THREAD = 8.0;
    public static final String RESULT_FILE = "vt-results.json";
    public static final String MARKDOWN_FILE = "VIRTUAL-THREADS.md";
    private static final long CHILD_TIMEOUT_MINUTES = 10;
    private static final Pattern SPEC_VERSION = Pattern.compile("java\\.specification\\.version = (\\d+)");

    /**
     * How much to measure.
     *
     * @param threadCounts virtual threads per timed round: the larger first, then the smaller
     * @param memoryThreads cumulative thread counts after which the heap is read: the smaller first
     */
    public record Settings(String name, int rounds, int pairs, List<Integer> threadCounts, long platformPairs,
                           int memoryRounds, List<Integer> memoryThreads) {
        /**
         * 40,000 and 5,000 threads x 10 pairs, 15 rounds (the interval then runs from the 4th lowest
         * to the 4th highest round); memory at 1k and 100k threads, 3 rounds: about a minute and a
         * half on 2 cores. Fewer rounds left the 5,000-over-40,000 interval straddling its 1.3x
         * target for medians near 1.
         */
        public static final Settings QUICK = new Settings("quick", 15, 10, List.of(40_000, 5_000), 2_000_000, 3,
                List.of(1_000, 100_000));
        /** Seconds: checks the pipeline; the numbers mean nothing. */
        public static final Settings SMOKE = new Settings("smoke", 2, 2, List.of(2_000, 500), 100_000, 1,
                List.of(100, 2_000));
    }

    /** One subject's figures; NaN-valued estimates where a part did not run; every line its JVMs printed. */
    public record Row(String subject, Estimate platformPairNanos, Estimate virtualPairNanosMany,
                      Estimate virtualPairNanosFew, Estimate virtualWallPairNanosMany, Estimate virtualOverPlatform, Estimate fewOverMany,
                      Estimate sharedPlatformPairNanos, Estimate virtualOverSharedPlatform,
                      Estimate retainedBytesFew, Estimate retainedBytesMany, Estimate bytesPerExtraThread,
                      String failure, List<String> rawLines) {
    }

    /** What the phase measured; {@code skipped} says why nothing was (a JVM below 21, a missing jar). */
    public record Result(String skipped, String jdk, int cpus, int carriers, double loadAverage, String date,
                         String commit, List<String> jvmFlags,
                         Settings settings, List<Row> rows, List<TargetResult> targets, String markdown) {
        public boolean ran() {
            return skipped == null;
        }
    }

    private final Settings settings;
    private final Path scenarioJar;

    public VirtualThreadPhase(Settings settings) {
        this(settings, defaultScenarioJar());
    }

    public VirtualThreadPhase(Settings settings, Path scenarioJar) {
        this.settings = settings;
        this.scenarioJar = scenarioJar;
    }

    /** Where {@code ./poolkit} finds the scenario: the bench-vt module's shaded jar, from the repository root. */
    public static Path defaultScenarioJar() {
        return Path.of("bench-vt", "target", "vt-scenario.jar");
    }

    /**
     * The Java feature version of {@code java} (21 for 21.0.4), or -1 if it cannot be run.
     */
    public static int javaFeature(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(1, TimeUnit.MINUTES);
            Matcher m = SPEC_VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs every subject on {@code java} with {@code jvmFlags}, writes {@link #RESULT_FILE} and
     * {@link #MARKDOWN_FILE} into {@code outDir} and returns the rows and verdicts. On a JVM below
     * Java 21 (or without the scenario jar) it measures nothing and says why in
     * {@link Result#skipped()}; the files then say so too.
     */
    public Result run(Path java, List<String> jvmFlags, Path outDir, Consumer<String> log)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        double load = Environment.loadAverage(); // the machine's load before the run: other work skews every row
        String skipped = null;
        int feature = javaFeature(java);
        if (feature < 0) {
            skipped = "cannot run " + java + " (give the java executable of a JDK 21+, e.g. --java"
                    + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)";
        } else if (feature < 21) {
            skipped = "no JDK 21+: " + java + " is Java " + feature + ", and virtual threads need Java 21 or later";
        } else if (!Files.isRegularFile(scenarioJar)) {
            skipped = "no " + scenarioJar + " (build it: mvn -B package -DskipTests)";
        }
        String jdk = "Java " + feature;
        int cpus = -1;
        int carriers = -1;
        List<Row> rows = new ArrayList<>();
        if (skipped == null) {
            for (String subject : SUBJECTS) {
                log.accept("vt: " + subject + " (" + settings.rounds() + " timed rounds, " + settings.memoryRounds()
                        + " memory rounds)");
                Child time = child(java, jvmFlags, subject, "time", settings.rounds(), settings.pairs(),
                        settings.threadCounts(), String.valueOf(settings.platformPairs()));
                Child memory = time.failure != null ? time : child(java, jvmFlags, subject, "memory",
                        settings.memoryRounds(), settings.pairs(), settings.memoryThreads(), null);
                if (time.jvm != null) {
                    jdk = time.jvm.get("vm").getAsString() + " " + time.jvm.get("version").getAsString();
                    cpus = time.jvm.get("cpus").getAsInt();
                    carriers = time.jvm.get("carriers").getAsInt();
                }
                rows.add(row(subject, time, memory));
            }
        }
        List<TargetResult> targets = targets(rows);
        Result partial = new Result(skipped, jdk, cpus, carriers, load, date, Git.describe(), List.copyOf(jvmFlags), settings, rows,
                targets, null);
        String md = markdown(partial);
        Result result = new Result(skipped, jdk, cpus, carriers, load, date, partial.commit(), partial.jvmFlags(), settings, rows,
                targets, md);
        Json.write(outDir.resolve(RESULT_FILE), result);
        Files.writeString(outDir.resolve(MARKDOWN_FILE), md);
        return result;
    }

    /** What one scenario JVM printed. */
    static final class Child {
        JsonObject jvm;
        final List<JsonObject> lines = new ArrayList<>();
        String failure;
    }

    private Child child(Path java, List<String> jvmFlags, String subject, String mode, int rounds, int pairs,
                        List<Integer> counts, String extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", scenarioJar.toString(), subject, mode, String.valueOf(rounds),
                String.valueOf(pairs), String.join(",", counts.stream().map(String::valueOf).toList())));
        if (extra != null) {
            cmd.add(extra);
        }
        Path err = Files.createTempFile("vt-" + subject + "-", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        Child c = new Child();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                if ("jvm".equals(o.get("kind").getAsString())) {
                    c.jvm = o;
                } else {
                    c.lines.add(o);
                }
            }
        }
        if (p.isAlive() || p.exitValue() != 0) {
            String stderr = Files.readString(err).strip();
            c.failure = mode + " run " + (p.isAlive() ? "timed out" : "exited " + p.exitValue()) + ": "
                    + (stderr.length() > 400 ? stderr.substring(stderr.length() - 400) : stderr);
        }
        Files.deleteIfExists(err);
        return c;
    }

    Row row(String subject, Child time, Child memory) {
        int many = settings.threadCounts().get(0);
        int few = settings.threadCounts().get(1);
        int carriers = time.jvm != null && time.jvm.has("carriers") ? time.jvm.get("carriers").getAsInt() : 1;
        Map<Integer, Double> platform = new LinkedHashMap<>();
        Map<Integer, Double> vtMany = new LinkedHashMap<>();
        Map<Integer, Double> vtFew = new LinkedHashMap<>();
        Map<Integer, Double> wallMany = new LinkedHashMap<>();
        Map<Integer, Double> shared = new LinkedHashMap<>();
        for (JsonObject o : time.lines) {
            int round = o.get("round").getAsInt();
            if (o.get("kind").getAsString().equals("platform")) {
                platform.put(round, o.get("nanos").getAsDouble() / o.get("pairs").getAsDouble());
            } else if (o.get("kind").getAsString().equals("platformShared")) {
                shared.put(round, o.get("inTaskNanos").getAsDouble()
                        / (o.get("threads").getAsDouble() * o.get("pairs").getAsDouble()));
            } else if (o.get("kind").getAsString().equals("virtual")) {
                int n = o.get("threads").getAsInt();
                (n == many ? vtMany : vtFew).put(round, inTaskPerPair(o));
                if (n == many) {
                    wallMany.put(round, wallPerPair(o, carriers));
                }
            }
        }
        List<Double> overPlatform = new ArrayList<>();
        List<Double> fewOverMany = new ArrayList<>();
        List<Double> overShared = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : vtMany.entrySet()) {
            Double p = platform.get(e.getKey());
            Double f = vtFew.get(e.getKey());
            Double sp = shared.get(e.getKey());
            if (p != null) {
                overPlatform.add(e.getValue() / p);
            }
            if (sp != null) {
                overShared.add(e.getValue() / sp);
            }
            if (f != null) {
                fewOverMany.add(f / e.getValue());
            }
        }
        int memFew = settings.memoryThreads().get(0);
        int memMany = settings.memoryThreads().get(settings.memoryThreads().size() - 1);
        Map<Integer, Double> retFew = new LinkedHashMap<>();
        Map<Integer, Double> retMany = new LinkedHashMap<>();
        for (JsonObject o : memory == time ? List.<JsonObject>of() : memory.lines) {
            int n = o.get("threads").getAsInt();
            double bytes = o.get("retainedBytes").getAsDouble();
            if (n == memFew) {
                retFew.put(o.get("round").getAsInt(), bytes);
            } else if (n == memMany) {
                retMany.put(o.get("round").getAsInt(), bytes);
            }
        }
        List<Double> perThread = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : retMany.entrySet()) {
            Double f = retFew.get(e.getKey());
            if (f != null) {
                perThread.add((e.getValue() - f) / (memMany - memFew));
            }
        }
        String failure = time.failure != null ? time.failure : memory.failure;
        List<String> raw = new ArrayList<>();
        time.lines.forEach(o -> raw.add(o.toString()));
        if (memory != time) {
            memory.lines.forEach(o -> raw.add(o.toString()));
        }
        return new Row(subject, MedianInterval.of(new ArrayList<>(platform.values())),
                MedianInterval.of(new ArrayList<>(vtMany.values())), MedianInterval.of(new ArrayList<>(vtFew.values())),
                MedianInterval.of(new ArrayList<>(wallMany.values())), MedianInterval.of(overPlatform), MedianInterval.of(fewOverMany),
                MedianInterval.of(new ArrayList<>(shared.values())), MedianInterval.of(overShared),
                MedianInterval.of(new ArrayList<>(retFew.values())), MedianInterval.of(new ArrayList<>(retMany.values())),
                MedianInterval.of(perThread), failure, raw);
    }

    /**
     * One round's VT pair, the judged figure: the windows the threads timed around their pairs,
     * summed, minus the windows the empty tasks timed around nothing (two clock reads), per pair.
     * It counts what the pool costs the thread that calls it, contention with the other carriers
     * included, and nothing of the scheduler's work in between. A thread that parks inside the
     * pool (on {@code freelist}'s lock) keeps its window open while its carrier runs others, so
     * for such a thread this overstates. What a pool might cost a thread outside its calls (at its
     * start or end) is not in it; the wall-time figure would show that.
     */
    static double inTaskPerPair(JsonObject round) {
        return (round.get("workInTaskNanos").getAsDouble() - round.get("emptyInTaskNanos").getAsDouble())
                / ((double) round.get("threads").getAsInt() * round.get("pairs").getAsInt());
    }

    /**
     * One round's whole-life figure, shown beside the judged one: wall time over the empty tasks',
     * times the carriers, per pair. It would also count what a pool costs a thread outside its
     * calls (at its start or end), but the empty tasks' own wall time moves from round to round
     * by more than ten pairs cost (the carriers park and wake as the starting thread keeps up
     * with them or not; the raw lines of docs/results-vt show it): too noisy to judge.
     */
    static double wallPerPair(JsonObject round, int carriers) {
        return (round.get("workNanos").getAsDouble() - round.get("emptyNanos").getAsDouble()) * carriers
                / ((double) round.get("threads").getAsInt() * round.get("pairs").getAsInt());
    }

    List<TargetResult> targets(List<Row> rows) {
        List<TargetResult> out = new ArrayList<>();
        int many = settings.threadCounts().get(0);
        int few = settings.threadCounts().get(1);
        int memFew = settings.memoryThreads().get(0);
        int memMany = settings.memoryThreads().get(settings.memoryThreads().size() - 1);
        for (String backend : JUDGED) {
            Row r = rows.stream().filter(x -> x.subject().equals(backend)).findFirst().orElse(null);
            String missing = r == null ? "not measured" : r.failure() == null ? "" : r.failure();
            Estimate over = r == null ? Estimate.unknown() : r.virtualOverPlatform();
            out.add(new TargetResult(backend + ": pair on " + String.format("%,d", many) + " virtual threads",
                    "cost per pair over an empty virtual task <= " + MAX_VIRTUAL_OVER_PLATFORM
                            + "x the one-thread platform pair",
                    r == null ? "?" : over.formatRatio() + " (" + r.virtualPairNanosMany().formatUnmarked() + " ns vs "
                            + r.platformPairNanos().formatUnmarked() + " ns)" + sharedFloor(r),
                    over.atMost(MAX_VIRTUAL_OVER_PLATFORM), missing));
            Estimate growth = r == null ? Estimate.unknown() : r.fewOverMany();
            out.add(new TargetResult(backend + ": no growth with thread count",
                    String.format("pair cost with %,d threads within %.1fx of that with %,d", few,
                            MAX_THREAD_COUNT_FACTOR, many),
                    r == null ? "?" : growth.formatRatio() + " (" + r.virtualPairNanosFew().formatUnmarked() + " ns vs "
                            + r.virtualPairNanosMany().formatUnmarked() + " ns)",
                    within(growth, 1 / MAX_THREAD_COUNT_FACTOR, MAX_THREAD_COUNT_FACTOR), missing));
            Estimate perThread = r == null ? Estimate.unknown() : r.bytesPerExtraThread();
            out.add(new TargetResult(backend + ": memory independent of thread count",
                    String.format("heap kept after %,d threads minus after %,d, per extra thread, <= %.0f B", memMany,
                            memFew, MAX_BYTES_PER_THREAD),
                    r == null ? "?" : perThread.formatUnmarked() + " B/thread (" + r.retainedBytesFew().formatUnmarked()
                            + " B and " + r.retainedBytesMany().formatUnmarked() + " B kept)",
                    perThread.atMost(MAX_BYTES_PER_THREAD), missing));
        }
        return out;
    }

    /**
     * Not judged: the same pair on as many platform threads as carriers at once, and the VT pair's
     * ratio to it, in the same JVM. What contention between the cores alone costs this design, so
     * a reader can tell it from what virtual threads add; empty where it did not run.
     */
    static String sharedFloor(Row r) {
        if (!r.sharedPlatformPairNanos().measured()) {
            return "";
        }
        return "; on platform threads sharing the pool from every core, " + r.sharedPlatformPairNanos().formatUnmarked()
                + " ns, the VT pair is " + r.virtualOverSharedPlatform().formatRatio() + " of that";
    }

    /** MET iff the whole interval lies in [low, high]; MISSED iff it lies wholly outside; else INCONCLUSIVE. */
    static TargetResult.Verdict within(Estimate e, double low, double high) {
        if (!e.measured()) {
            return TargetResult.Verdict.NOT_MEASURED;
        }
        if (e.hasInterval() && e.low() >= low && e.high() <= high) {
            return TargetResult.Verdict.MET;
        }
        if (e.hasInterval() && (e.high() < low || e.low() > high)) {
            return TargetResult.Verdict.MISSED;
        }
        return TargetResult.Verdict.INCONCLUSIVE;
    }

    /** The markdown section: stamp, table, targets; the README's "Virtual threads" table is this one. */
    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("## Virtual threads\n\n");
        if (!r.ran()) {
            return md.append("Skipped: ").append(r.skipped()).append(".\n").toString();
        }
        Settings s = r.settings();
        int many = s.threadCounts().get(0);
        int few = s.threadCounts().get(1);
        int memFew = s.memoryThreads().get(0);
        int memMany = s.memoryThreads().get(s.memoryThreads().size() - 1);
        md.append(String.format("Measured by `./poolkit vt` (%s) on %s, %s, %d CPUs, load average %s at the start,"
                + " commit %s, JVM flags: %s.%n%n",
                s.name(), r.date().substring(0, 10), r.jdk(), r.cpus(),
                Double.isNaN(r.loadAverage()) ? "?" : String.format("%.1f", r.loadAverage()), r.commit() == null ? "?" : r.commit(),
                r.jvmFlags().isEmpty() ? "none" : "`" + String.join(" ", r.jvmFlags()) + "`"));
        md.append(String.format("| row | platform pair (ns) | VT pair, %,d thr (ns) | VT pair, %,d thr (ns) | VT / platform"
                + " | %,d / %,d thr | platform pair, %d thr sharing (ns) | VT / shared platform"
                + " | VT pair by wall time, %,d thr (ns) | heap kept, %,d thr (B) | heap kept, %,d thr (B)"
                + " | B per extra thread |%n", many, few, few, many, r.carriers(), many, memFew, memMany));
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : r.rows()) {
            if (row.failure() != null) {
                md.append("| ").append(row.subject()).append(" | failed: ").append(row.failure().replace("|", "/"))
                        .append(" | | | | | | | | | | |\n");
                continue;
            }
            md.append("| ").append(row.subject()).append(" | ").append(row.platformPairNanos().formatUnmarked())
                    .append(" | ").append(row.virtualPairNanosMany().format())
                    .append(" | ").append(row.virtualPairNanosFew().format())
                    .append(" | ").append(row.virtualOverPlatform().formatRatio())
                    .append(" | ").append(row.fewOverMany().formatRatio())
                    .append(" | ").append(row.sharedPlatformPairNanos().format())
                    .append(" | ").append(row.virtualOverSharedPlatform().formatRatio())
                    .append(" | ").append(row.virtualWallPairNanosMany().format())
                    .append(" | ").append(row.retainedBytesFew().formatUnmarked())
                    .append(" | ").append(row.retainedBytesMany().formatUnmarked())
                    .append(" | ").append(row.bytesPerExtraThread().formatUnmarked()).append(" |\n");
        }
        md.append(String.format("%nEach figure: %s. A VT pair: %,d (or %,d) short-lived virtual threads each do %d"
                + " acquire+release pairs on one shared pool of 1024 x 4 KiB blocks and time them; the sum of those"
                + " windows, minus the windows as many empty virtual tasks time around nothing, per pair (what the pool"
                + " costs the threads that call it, contention between the %d carriers included; a thread that parks in"
                + " the pool keeps its window open while its carrier runs others, so parking is overstated, never"
                + " understated). The platform pair is the same pair in a loop on one platform thread (%,d pairs), in"
                + " the same JVM. The shared platform pair, shown but not judged: a quarter as many pairs shared"
                + " among %d platform threads started together, each timing its own, per pair: what contention between"
                + " the cores alone costs the design, which the VT pair meets too. VT pair by wall time, shown but not judged: the wall time of the %,d threads minus that"
                + " of the empty tasks, times the carriers, per pair; it would also count costs outside the calls, but"
                + " the empty tasks' own wall time moves by more than ten pairs cost from round to round. Heap kept:"
                + " used heap after full collections once %,d, then %,d threads have used a fresh pool, minus before;"
                + " `plain` (a fresh heap buffer per use) shows what the JDK itself keeps. Memory: %s. `(!)`: the"
                + " interval reaches further from the median than the median itself.%n%n",
                MedianInterval.describe(s.rounds()), many, few, s.pairs(), r.carriers(), s.platformPairs(), r.carriers(), many,
                memFew, memMany, MedianInterval.describe(s.memoryRounds())));
        md.append("| target | requirement | measured | verdict |\n|---|---|---|---|\n");
        for (TargetResult t : r.targets()) {
            md.append("| ").append(t.target()).append(" | ").append(t.requirement()).append(" | ").append(t.measured())
                    .append(" | ").append(t.verdict()).append(t.note().isEmpty() ? "" : " (" + t.note() + ")")
                    .append(" |\n");
        }
        return md.toString();
    }
}
