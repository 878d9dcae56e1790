package dev.poolkit.bench.compare;

import dev.poolkit.api.BackendNames;
import dev.poolkit.api.Pools;
import dev.poolkit.bench.Environment;
import dev.poolkit.bench.Jvm;
import dev.poolkit.bench.jmh.BlockSubjects;
import dev.poolkit.bench.jmh.ObjectSubjects;
import dev.poolkit.bench.server.EchoServers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code compare}: every registered backend, the no-pool baseline and the libraries users pick
 * instead, side by side: a short JMH subset, then the same echo load against a fresh server per
 * backend and against the Netty reference; a table on the terminal and a report on disk.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Puts every backend, no pool, and the reference libraries side by side (JMH + echo load),",
                "prints a table and writes REPORT.md, results.json, README-results.md and PNG charts."})
public final class CompareCommand implements Callable<Integer> {

    static final class Preset {
        @Option(names = "--quick", description = "About 5 minutes on 2 cores (JDK 17): pairs at 4 KiB, 2 forks, 3 short echo rounds, a fixed-rate series, 2 event loops once.")
        boolean quick;

        @Option(names = "--smoke", description = "Seconds: checks the whole pipeline; the numbers mean nothing.")
        boolean smoke;
    }

    @ArgGroup(exclusive = true)
    Preset preset = new Preset();

    @Option(names = "--out", defaultValue = "report", paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--backends", split = ",", paramLabel = "NAME",
            description = "Only these registered backends (default: all on the class path).")
    List<String> backends;

    @Option(names = "--rounds", description = "Echo rounds, any number >= 1 (default: the preset's).")
    Integer rounds;

    @Option(names = "--seed", description = "Seed of the run orders, to repeat a run's (default: a fresh one, recorded).")
    Long seed;

    @Option(names = "--echo-jar", paramLabel = "JAR", description = "Our echo server (default: echo-server/target/echo-server.jar).")
    Path echoJar;

    @Option(names = "--no-jmh", description = "Skip the JMH part.")
    boolean noJmh;

    @Option(names = "--no-echo", description = "Skip the echo part.")
    boolean noEcho;

    @Option(names = "--plan", description = "Print what would run and how long it would take, then stop.")
    boolean planOnly;

    @Option(names = "--java", split = ",", paramLabel = "PATH",
            description = {"Run the servers and JMH forks on these JDKs (a JDK home, its bin or its bin/java),",
                    "one section each (default: this JVM; the full preset adds " + "/usr/lib/jvm/temurin-25-jdk-amd64"
                            + " when present)."})
    List<Path> javas;

    @Option(names = "--gc", split = ",", paramLabel = "SET",
            description = {"Collectors to run each JDK with: G1, ZGC, Parallel, Serial, Shenandoah, or JVM flags",
                    "starting with '-' (e.g. \"-XX:+UseZGC -Xmx2g\"); one section each (default: G1; full: G1,ZGC,Parallel)."})
    List<String> gcs;

    @Spec
    CommandSpec spec;

    CompareSettings settings() {
        CompareSettings s = preset.smoke ? CompareSettings.smoke() : preset.quick ? CompareSettings.quick()
                : CompareSettings.full();
        if (rounds != null) {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
            }
            s = s.withRounds(rounds);
        }
        if (noJmh) {
            s = s.withoutJmh();
        }
        return s;
    }

    /** The registered backends to compare: all, or those named by --backends (each must exist). */
    List<String> chosenBackends() {
        List<String> all = Pools.names();
        if (backends == null || backends.isEmpty()) {
            return all;
        }
        for (String b : backends) {
            if (!all.contains(b)) {
                throw new IllegalArgumentException("--backends: no backend '" + b + "' on the class path; available: "
                        + String.join(", ", all) + "."
                        + BackendNames.didYouMean(b, all));
            }
        }
        return all.stream().filter(backends::contains).toList();
    }

    /** How every row is set up, as the report prints it. */
    static List<CompareResults.RowConfiguration> configurations(List<String> blockRows, List<String> objectRows) {
        List<CompareResults.RowConfiguration> rows = new ArrayList<>();
        blockRows.forEach(n -> rows.add(new CompareResults.RowConfiguration(n, "buffers", BlockSubjects.configuration(n))));
        objectRows.forEach(n -> rows.add(new CompareResults.RowConfiguration(n, "objects",
                ObjectSubjects.configuration(n))));
        return rows;
    }

    /** The (JDK, collector) pairs to run: --java x --gc, with the preset's defaults. */
    List<Jvm> jvms() {
        List<Jvm> bases = new ArrayList<>();
        if (javas != null && !javas.isEmpty()) {
            javas.forEach(p -> bases.add(Jvm.at(p)));
        } else {
            bases.add(Jvm.current());
            if (!preset.quick && !preset.smoke && java.nio.file.Files.isDirectory(Jvm.TEMURIN_25)
                    && Jvm.current().featureVersion() != 25) {
                bases.add(Jvm.at(Jvm.TEMURIN_25));
            }
        }
        List<String> sets = gcs != null && !gcs.isEmpty() ? gcs
                : !preset.quick && !preset.smoke ? List.of("G1", "ZGC", "Parallel") : List.of("G1");
        List<Jvm> out = new ArrayList<>();
        for (Jvm b : bases) {
            for (String g : sets) {
                out.add(b.withGc(g));
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        List<Jvm> jvms = jvms();
        if (jvms.size() == 1) {
            return run(jvms.get(0), out).failures() > 0 ? 1 : 0;
        }
        long failures = 0;
        List<Matrix.Cell> cells = new ArrayList<>();
        for (Jvm j : jvms) {
            System.out.printf("%n=== %s (%s %s) ===%n", j.label(), j.java(), String.join(" ", j.flags()));
            Outcome o = run(j, out.resolve(j.slug()));
            failures += o.failures();
            if (o.results() != null) {
                cells.add(new Matrix.Cell(j, j.slug(), o.results()));
            }
        }
        if (!cells.isEmpty()) {
            Matrix.write(cells, out);
            System.out.println(Matrix.summary(cells));
            System.out.println("matrix: " + out.resolve(Matrix.FILE));
        }
        return failures > 0 ? 1 : 0;
    }

    /**
     * The virtual-thread sections of the report, after the rest: our server with a virtual thread
     * per connection beside the event loops' table, and the scenario's rows and verdicts; or why
     * they were skipped.
     */
    private static void appendVirtualThreads(Path out, Jvm jvm, List<String> targets, List<EchoRun> runs,
                                             VirtualThreadPhase.Result vt) throws java.io.IOException {
        StringBuilder md = new StringBuilder("\n## Virtual threads\n\n");
        if (vt == null) {
            md.append("Skipped: the benchmark JVM (").append(jvm.label()).append(") is below Java 21;"
                    + " `--java` a JDK 21+ to measure our server's `--io virtual-threads` and the"
                    + " virtual-thread scenario.\n");
        } else {
            if (!runs.isEmpty()) {
                md.append("### Echo server, `--io virtual-threads` (a virtual thread per connection)\n\n")
                        .append("The same load as the event-loop table above, in the same run:\n\n")
                        .append(ReportWriter.echoTable(EchoPhase.summarize(targets, runs))).append("\n\n");
            }
            md.append(vt.markdown().replaceFirst("(?m)^## ", "### ")).append("\n");
        }
        java.nio.file.Files.writeString(out.resolve(ReportWriter.REPORT), md.toString(),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** What one (JDK, collector) run produced: null results for --plan. */
    record Outcome(CompareResults results, long failures) {
    }

    Outcome run(Jvm jvm, Path out) throws Exception {
        long started = System.nanoTime();
        double loadBefore = Environment.loadAverage();
        PrintStream o = System.out;
        CompareSettings settings = settings();
        List<String> chosen = chosenBackends();
        Set<String> excluded = Pools.names().stream().filter(n -> !chosen.contains(n)).collect(Collectors.toSet());
        List<String> blockRows = BlockSubjects.names().stream().filter(n -> !excluded.contains(n)).toList();
        List<String> objectRows = ObjectSubjects.names().stream().filter(n -> !excluded.contains(n)).toList();
        List<String> echoTargets = new ArrayList<>(chosen);
        echoTargets.add(EchoServers.LOOP_BUFFER);
        echoTargets.add(EchoServers.NONE);
        echoTargets.add(EchoServers.NETTY);
        if (noEcho) {
            echoTargets.clear();
        }
        EchoServers servers = new EchoServers(echoJar != null ? echoJar : EchoServers.defaultEchoJar(),
                settings.echo().serverJvmArgs(), settings.echo().serverThreads(), jvm);
        if (!echoTargets.isEmpty() && !servers.echoJarPresent()) {
            o.println("warning: " + servers.echoJar() + " not found: only the Netty reference runs the echo load;"
                    + " build the echo-server module (./poolkit does) to measure our server");
            echoTargets.removeIf(t -> !t.equals(EchoServers.NETTY));
        }
        Environment env = Environment.current();
        if (!jvm.isCurrent()) {
            // The measured processes run on the chosen JDK: the report, its charts and JSON say so.
            env = new Environment(jvm.describe(), "servers and JMH forks on " + jvm.java() + "; the bench itself on "
                    + env.jdk(), env.os(), env.cpu(), env.cpus(), env.maxHeapMiB(), env.collectors(), env.date());
        }
        // originalArgs() is the whole command line, subcommand name included
        String command = "./poolkit " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        o.printf("poolkit compare (%s preset): %s, %s, %s%n", settings.preset(), env.jdk(), env.cpuWords(), env.day());
        o.printf("benchmark JVM: %s (%s%s)%s%n", jvm.label(), jvm.java(), jvm.flags().isEmpty() ? ""
                : " " + String.join(" ", jvm.flags()), settings.jmh().forks() == 0 && !jvm.isCurrent()
                ? "; the in-process JMH trials of this preset run on this JVM" : "");
        o.printf("backends: %s; JMH rows: %s; echo targets: %s%n", String.join(", ", chosen),
                String.join(", ", blockRows), String.join(", ", echoTargets));
        o.printf("echo load: %s%n", EchoPhase.load(settings.echo()).describe());
        Schedule schedule = new Schedule(seed != null ? seed : Schedule.newSeed());
        o.printf("run orders: random, seed %d (--seed %d repeats them)%n", schedule.seed(), schedule.seed());
        double estimate = settings.estimateSeconds(blockRows, objectRows, echoTargets.size());
        if (loadBefore > env.cpus() / 2.0) {
            o.printf("warning: load average %.2f on %d CPUs: something else is running, the numbers will be noisy%n",
                    loadBefore, env.cpus());
        }
        o.printf("estimated duration: %s%n", estimate < 120 ? String.format("%.0f s", estimate)
                : String.format("%.0f min", Math.ceil(estimate / 60)));
        if (planOnly) {
            for (CompareSettings.JmhCase c : settings.jmh().cases()) {
                o.printf("  jmh %s x %d rows x %d fork(s)%n", c.label(),
                        CompareSettings.rowsOf(c, blockRows, objectRows).size(), settings.jmh().passes());
            }
            o.printf("  echo %d targets x %d rounds, then %d fixed rates each%n", echoTargets.size(),
                    settings.echo().rounds(), settings.echo().rateFractions().size());
            return new Outcome(null, 0);
        }

        List<JmhRow> jmh = new JmhPhase(settings.jmh(), schedule, o::println, jvm).run(blockRows, objectRows);
        EchoPhase echoPhase = new EchoPhase(settings.echo(), servers, schedule, EchoPhase.runsDir(out), o::println);
        List<EchoRun> runs = echoTargets.isEmpty() ? List.of() : echoPhase.run(echoTargets);
        List<EchoSummary> echo = EchoPhase.summarize(echoTargets, runs);
        // Two event loops on one shared pool: contention between loops shows here (our server only).
        List<String> twoLoopTargets = echoTargets.stream().filter(t -> !t.equals(EchoServers.NETTY)
                && !t.equals(EchoServers.NONE)).toList();
        List<EchoRun> twoLoopRuns = List.of();
        if (!twoLoopTargets.isEmpty() && settings.echo().twoLoopRounds() > 0) {
            o.println("two event loops, one pool:");
            Path dir = EchoPhase.runsDir(out).resolve("two-loops");
            java.nio.file.Files.createDirectories(dir);
            twoLoopRuns = new EchoPhase(settings.echo().twoLoops(), servers.withThreads(2), schedule, dir, o::println)
                    .run(twoLoopTargets);
        }
        List<EchoSummary> twoLoopEcho = EchoPhase.summarize(twoLoopTargets, twoLoopRuns);
        // On Java 21+, our server's other I/O model (a virtual thread per connection) on the same load,
        // and the virtual-thread scenario: what the pools cost when thousands of threads each use them once.
        List<EchoRun> virtualIoRuns = List.of();
        List<String> virtualIoTargets = echoTargets.stream().filter(t -> !t.equals(EchoServers.NETTY)).toList();
        VirtualThreadPhase.Result vt = null;
        if (jvm.featureVersion() >= 21) {
            if (!virtualIoTargets.isEmpty()) {
                o.println("our server on virtual threads (--io virtual-threads):");
                Path dir = EchoPhase.runsDir(out).resolve("virtual-threads-io");
                java.nio.file.Files.createDirectories(dir);
                virtualIoRuns = new EchoPhase(settings.echo(), servers.withIo("virtual-threads"), schedule, dir,
                        o::println).run(virtualIoTargets);
            }
            o.println("virtual-thread scenario (./poolkit vt):");
            vt = new VirtualThreadPhase(preset.smoke ? VirtualThreadPhase.Settings.SMOKE
                    : VirtualThreadPhase.Settings.QUICK).run(jvm.java(), jvm.flags(), out.resolve("virtual-threads"),
                    o::println);
        } else {
            o.println("virtual threads: skipped, " + jvm.label() + " is below Java 21 (--java a JDK 21+ runs them)");
        }
        CompareResults results = new CompareResults(env, command, Git.describe(), settings, schedule.seed(), chosen,
                configurations(blockRows, objectRows), EchoPhase.load(settings.echo()).describe(), jmh, runs, echo,
                Targets.evaluate(jmh, echo, chosen), (System.nanoTime() - started) / 1e9, loadBefore,
                Environment.loadAverage(), jvm.label() + " " + jvm.java() + " " + String.join(" ", jvm.flags()),
                echoPhase.points(), twoLoopRuns, twoLoopRuns.isEmpty() ? List.of() : twoLoopEcho);
        ReportWriter.writeAll(results, out);
        appendVirtualThreads(out, jvm, virtualIoTargets, virtualIoRuns, vt);

        o.println();
        o.println(ReportWriter.targets(results.targets()));
        o.print(JmhReport.tables(jmh));
        o.println(ReportWriter.echoTable(echo));
        o.println(ReportWriter.costTable(results));
        o.println(ReportWriter.rateTable(results.latencyVsRate()));
        if (results.machineBusy()) {
            o.printf("warning: the machine was busy (load average %.2f before, %.2f after): rerun when it is quiet%n",
                    loadBefore, results.loadAfter());
        }
        o.printf("report: %s (also %s, %s, charts) in %.0f s%n", out.resolve(ReportWriter.REPORT),
                ReportWriter.RESULTS, ReportWriter.README_TABLE, results.elapsedSeconds());
        long failures = jmh.stream().filter(r -> !r.ok()).count() + runs.stream().filter(r -> r.failure() != null
                || r.load() != null && r.load().errorCount() > 0).count();
        failures += twoLoopRuns.stream().filter(r -> r.failure() != null
                || r.load() != null && r.load().errorCount() > 0).count();
        failures += echoPhase.points().stream().filter(p -> p.load().errorCount() > 0).count();
        failures += virtualIoRuns.stream().filter(r -> r.failure() != null
                || r.load() != null && r.load().errorCount() > 0).count();
        if (vt != null && vt.ran()) {
            failures += vt.rows().stream().filter(r -> r.failure() != null).count();
        }
        if (failures > 0) {
            o.println(failures + " measurement(s) failed; see the report");
        }
        return new Outcome(results, failures);
    }
}
