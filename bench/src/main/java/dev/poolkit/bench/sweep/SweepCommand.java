package dev.poolkit.bench.sweep;

import dev.poolkit.api.BackendNames;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.Pools;
import dev.poolkit.bench.Durations;
import dev.poolkit.bench.Environment;
import dev.poolkit.bench.load.LoadGenerator;
import dev.poolkit.bench.load.LoadMode;
import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.load.LoadSpec;
import dev.poolkit.bench.load.SizeDistribution;
import dev.poolkit.bench.compare.Schedule;
import dev.poolkit.bench.server.EchoServers;
import dev.poolkit.bench.server.ServerProcess;
import dev.poolkit.bench.server.ServerStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sweep}: the seed's sizing question. Runs the echo workload over a blockSize x poolSize
 * grid for each backend (a fresh server per cell), measures throughput, p99, the memory the slab
 * reserves, the pool's high water, misses and exhaustion, and recommends the smallest footprint
 * within a few percent of the best throughput, saying why.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sizes a pool by measuring: the echo load over blockSize x poolSize per backend,",
                "then the smallest memory footprint within --within % of the best throughput.",
                "Describe your own workload with --size (e.g. 64:50,4k:40,64k:10) and --connections,",
                "and your slow clients with --slow-readers and --non-readers (p99 is the measured clients')."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--backends", split = ",", paramLabel = "NAME",
            description = "Backends to size (default: every registered one).")
    List<String> backends;

    @Option(names = "--block-sizes", split = ",", defaultValue = "1k,4k,16k", paramLabel = "BYTES",
            description = "Block sizes to try (default: ${DEFAULT-VALUE}).")
    List<String> blockSizes;

    @Option(names = "--pool-sizes", split = ",", defaultValue = "4,16,256", paramLabel = "BLOCKS",
            description = "Pool sizes (blocks) to try (default: ${DEFAULT-VALUE}).")
    List<Integer> poolSizes;

    @Option(names = "--class-sets", split = ";", paramLabel = "SIZES[:COUNTS]",
            description = "Size-class sets to measure beside the single sizes, ';'-separated, each as the echo server's"
                    + " --block-sizes with its --pool-sizes after a colon, e.g. '1k,4k,16k:64,64,16;3008:64' (as"
                    + " ./poolkit advise prints them). Without counts, one cell per --pool-sizes value.")
    List<String> classSets;

    @Option(names = "--size", defaultValue = "4k", paramLabel = "SIZES",
            description = "Message sizes of the workload: 4k, 64-64k or 64:50,4k:40,64k:10 (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = {"-c", "--connections"}, defaultValue = "16", description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--slow-readers", defaultValue = "0", paramLabel = "N",
            description = "Slow readers beside the measured connections (write all the time, read 1 KiB every 10 ms);"
                    + " they hold buffers while they stall, as real slow clients do (default: ${DEFAULT-VALUE}).")
    int slowReaders;

    @Option(names = "--non-readers", defaultValue = "0", paramLabel = "N",
            description = "Non-readers beside the measured connections (write, never read) (default: ${DEFAULT-VALUE}).")
    int nonReaders;

    @Option(names = "--warmup", defaultValue = "1s", converter = Durations.class, description = "Per cell (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = {"-d", "--duration"}, defaultValue = "3s", converter = Durations.class,
            description = "Measured, per cell (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rounds", defaultValue = "1", description = "Passes over the grid, each in a new random order; medians are kept (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", description = "Seed of the cells' order, to repeat a sweep's (default: a fresh one, recorded).")
    Long seed;

    @Option(names = "--within", defaultValue = "5", paramLabel = "PERCENT",
            description = "Throughput that may be given up for memory (default: ${DEFAULT-VALUE}%%).")
    double within;

    @Option(names = "--server-threads", defaultValue = "1", description = "Server event loops (default: ${DEFAULT-VALUE}).")
    int serverThreads;

    @Option(names = "--out", defaultValue = "report", paramLabel = "DIR", description = "Where SWEEP.md and sweep.json go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--java", paramLabel = "PATH",
            description = "Run the servers on this JDK (a JDK home, its bin or its bin/java; default: this JVM).")
    Path java;

    @Option(names = "--gc", paramLabel = "SET",
            description = "The servers' collector: G1, ZGC, Parallel, Serial, Shenandoah, or JVM flags starting with '-'.")
    String gc;

    @Option(names = "--echo-jar", paramLabel = "JAR", description = "Our echo server (default: echo-server/target/echo-server.jar).")
    Path echoJar;

    @Spec
    CommandSpec spec;

    private static final List<String> SERVER_JVM = List.of("-Xms512m", "-Xmx512m");

    /** Every setting checked before anything runs; IllegalArgumentException names the flag. */
    List<Cell> grid() {
        List<String> names = Pools.names();
        List<String> chosen = backends == null || backends.isEmpty() ? names : backends;
        for (String b : chosen) {
            if (!names.contains(b)) {
                throw new IllegalArgumentException("--backends: no backend '" + b + "'; available: "
                        + String.join(", ", names) + "."
                        + BackendNames.didYouMean(b, names));
            }
        }
        List<Integer> blocks = new ArrayList<>();
        for (String s : blockSizes) {
            try {
                blocks.add(SizeDistribution.parse(s).max());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--block-sizes: " + e.getMessage(), e);
            }
        }
        for (int p : poolSizes) {
            if (p < 1) {
                throw new IllegalArgumentException("--pool-sizes: a pool holds at least 1 block, got " + p);
            }
        }
        if (rounds < 1 || within < 0 || within >= 100 || serverThreads < 1) {
            throw new IllegalArgumentException("--rounds and --server-threads must be >= 1 and --within from 0 to"
                    + " 100, got " + rounds + ", " + serverThreads + ", " + within);
        }
        List<Cell> cells = new ArrayList<>();
        for (String b : chosen) {
            for (int bs : blocks) {
                for (int ps : poolSizes) {
                    cells.add(new Cell(b, bs, ps, BlockPoolConfig.builder().blockSize(bs).capacity(ps).build()
                            .slabBytes(), null, null));
                }
            }
            for (String set : classSets == null ? List.<String>of() : classSets) {
                cells.addAll(classCells(b, set));
            }
        }
        return cells;
    }

    /** The cells of one --class-sets entry: one, or one per --pool-sizes value when it names no counts. */
    private List<Cell> classCells(String backend, String set) {
        String[] parts = set.strip().split(":", -1);
        if (parts.length > 2 || parts[0].isBlank()) {
            throw new IllegalArgumentException("--class-sets: '" + set + "' is not SIZES[:COUNTS], e.g. 1k,4k,16k:64,64,16");
        }
        List<Integer> sizes = new ArrayList<>();
        for (String s : parts[0].split(",")) {
            try {
                sizes.add(SizeDistribution.parse(s.strip()).max());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--class-sets: " + e.getMessage(), e);
            }
        }
        List<List<Integer>> countSets = new ArrayList<>();
        if (parts.length == 2) {
            List<Integer> counts = new ArrayList<>();
            for (String c : parts[1].split(",")) {
                try {
                    counts.add(Integer.parseInt(c.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--class-sets: '" + c + "' in '" + set + "' is not a block count");
                }
            }
            if (counts.size() != 1 && counts.size() != sizes.size()) {
                throw new IllegalArgumentException("--class-sets: '" + set + "' has " + counts.size() + " counts for "
                        + sizes.size() + " sizes; give one per size, or one for all");
            }
            countSets.add(counts);
        } else {
            poolSizes.forEach(p -> countSets.add(List.of(p)));
        }
        List<Cell> out = new ArrayList<>();
        for (List<Integer> counts : countSets) {
            long slab = 0;
            long blocks = 0;
            List<String> cs = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i++) {
                int n = counts.get(counts.size() == 1 ? 0 : i);
                if (n < 1) {
                    throw new IllegalArgumentException("--class-sets: a class holds at least 1 block, got " + n);
                }
                slab += BlockPoolConfig.builder().blockSize(sizes.get(i)).capacity(n).build().slabBytes();
                blocks += n;
                cs.add(String.valueOf(n));
            }
            String sizeList = String.join(",", sizes.stream().map(String::valueOf).toList());
            out.add(new Cell(backend, sizes.stream().mapToInt(Integer::intValue).max().getAsInt(), (int) blocks, slab,
                    sizeList, String.join(",", cs)));
        }
        return out;
    }

    /** A grid cell; {@code classSizes} and {@code classCounts} (the echo server's flags) are null for one block size. */
    record Cell(String backend, int blockSize, int poolSize, long slabBytes, String classSizes, String classCounts) {
        String classSet() {
            return classSizes == null ? null : classSizes + ":" + classCounts;
        }
    }

    LoadSpec load() {
        return new LoadSpec("127.0.0.1", 1, connections, SizeDistribution.parse(size), LoadMode.CLOSED_LOOP, 0,
                warmup, duration, 1, Duration.ofSeconds(10), 42, slowReaders, nonReaders);
    }

    @Override
    public Integer call() throws Exception {
        List<Cell> cells = grid();
        LoadSpec load = load();
        dev.poolkit.bench.Jvm jvm = java != null ? dev.poolkit.bench.Jvm.at(java) : dev.poolkit.bench.Jvm.current();
        if (gc != null) {
            jvm = jvm.withGc(gc);
        }
        EchoServers servers = new EchoServers(echoJar != null ? echoJar : EchoServers.defaultEchoJar(), SERVER_JVM,
                serverThreads, jvm);
        if (!servers.echoJarPresent()) {
            throw new IllegalArgumentException("--echo-jar: " + servers.echoJar() + " not found; build it (./poolkit"
                    + " does) or point --echo-jar at it");
        }
        double seconds = cells.size() * rounds * (1.5 + (warmup.toMillis() + duration.toMillis()) / 1000.0);
        Schedule schedule = new Schedule(seed != null ? seed : Schedule.newSeed());
        System.out.printf("poolkit sweep: %d cells x %d round(s), load: %s; estimated %.0f s; order seed %d%n",
                cells.size(), rounds, load.describe(), seconds, schedule.seed());
        Path work = out.resolve("runs");
        Files.createDirectories(work);
        List<List<SweepPoint>> byCell = new ArrayList<>();
        cells.forEach(c -> byCell.add(new ArrayList<>()));
        int done = 0;
        List<List<Cell>> orders = schedule.rounds(cells, rounds);
        for (int round = 0; round < rounds; round++) {
            for (Cell c : orders.get(round)) {
                SweepPoint p = measure(c, load, servers, work);
                byCell.get(cells.indexOf(c)).add(p);
                System.out.printf("[sweep %d/%d] %-40s %s%n", ++done, cells.size() * rounds,
                        p.label(), p.failure() != null ? "FAILED: " + p.failure().lines().findFirst().orElse("")
                                : String.format("%,.0f msg/s, p99 %,.0f us, high water %s, exhaustions %s, errors %d",
                                p.msgPerSec(), p.p99Us(), p.highWater(), p.exhaustions(), p.errors()));
            }
        }
        List<SweepPoint> points = new ArrayList<>();
        byCell.forEach(list -> points.add(median(list)));
        List<Recommendation> recs = new ArrayList<>();
        List<String> chosen = points.stream().map(SweepPoint::backend).distinct().toList();
        for (String b : chosen) {
            recs.add(Recommender.recommend(b, points.stream().filter(p -> p.backend().equals(b)).toList(), within));
        }
        if (chosen.size() > 1) {
            recs.add(Recommender.recommend("any backend", points, within));
        }
        Recommendation classesOrOne = Recommender.classesAgainstSingle(points, within);
        if (classesOrOne != null) {
            recs.add(classesOrOne);
        }
        String command = "./poolkit " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        SweepResults results = new SweepResults(Environment.current(), command, load.describe(),
                serverThreads, SERVER_JVM, within, schedule.seed(), points, recs);
        SweepReport.writeAll(results, out);
        System.out.println();
        System.out.print(SweepReport.table(points));
        System.out.println();
        System.out.print(SweepReport.recommendations(results));
        System.out.println("written: " + out.resolve(SweepReport.MARKDOWN) + ", " + out.resolve(SweepReport.JSON));
        return points.stream().allMatch(p -> p.failure() == null) ? 0 : 1;
    }

    private static SweepPoint measure(Cell c, LoadSpec load, EchoServers servers, Path work) throws InterruptedException {
        String id = c.backend() + "-" + (c.classSizes() == null ? c.blockSize() + "-" + c.poolSize()
                : "classes-" + c.classSizes().replace(',', '_') + "-" + c.classCounts().replace(',', '_'));
        Path stats = work.resolve("sweep-" + id + ".json");
        List<String> cmd = new ArrayList<>(servers.command(c.backend(), c.blockSize(), c.poolSize(), stats));
        if (c.classSizes() != null) {
            cmd.addAll(List.of("--block-sizes", c.classSizes(), "--pool-sizes", c.classCounts()));
        }
        try (ServerProcess server = ServerProcess.start(cmd, stats, work.resolve("sweep-" + id + ".log"))) {
            LoadResult r = LoadGenerator.run(load.withPort(server.port()));
            ServerStats s = server.stop();
            return new SweepPoint(c.backend(), c.blockSize(), c.poolSize(), c.slabBytes(), r.messagesPerSecond(),
                    r.latency().p99Us(), r.errorCount(), s.poolHighWater(), s.poolMisses(), s.poolExhaustions(), null,
                    c.classSet());
        } catch (IOException | RuntimeException e) {
            return new SweepPoint(c.backend(), c.blockSize(), c.poolSize(), c.slabBytes(), 0, 0, 0, null, null, null,
                    String.valueOf(e.getMessage()), c.classSet());
        }
    }

    /** The round with the median throughput stands for the cell (its figures belong together). */
    static SweepPoint median(List<SweepPoint> rounds) {
        List<SweepPoint> ok = new ArrayList<>(rounds.stream().filter(p -> p.failure() == null).toList());
        if (ok.isEmpty()) {
            return rounds.get(0);
        }
        ok.sort((a, b) -> Double.compare(a.msgPerSec(), b.msgPerSec()));
        return ok.get((ok.size() - 1) / 2);
    }
}
