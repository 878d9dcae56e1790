package dev.poolkit.bench.compare;

import dev.poolkit.bench.load.LoadGenerator;
import dev.poolkit.bench.load.LoadMode;
import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.load.LoadSpec;
import dev.poolkit.bench.load.SizeDistribution;
import dev.poolkit.bench.server.EchoServers;
import dev.poolkit.bench.server.ProcessFigures;
import dev.poolkit.bench.server.ServerProcess;
import dev.poolkit.bench.server.ServerStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The echo half of a compare: the same closed-loop load against a fresh server per target per
 * round, each round in a new random order ({@link Schedule}), collecting the client's figures and
 * the server's own.
 */
final class EchoPhase {
    private final CompareSettings.Echo settings;
    private final EchoServers servers;
    private final Schedule schedule;
    private final Path workDir;
    private final Consumer<String> progress;
    private final List<RatePoint> points = new ArrayList<>();

    EchoPhase(CompareSettings.Echo settings, EchoServers servers, Schedule schedule, Path workDir,
              Consumer<String> progress) {
        this.settings = settings;
        this.servers = servers;
        this.schedule = schedule;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** The load every target gets; the port is filled in per server. */
    static LoadSpec load(CompareSettings.Echo s) {
        return new LoadSpec("127.0.0.1", 1, s.connections(), SizeDistribution.parse(s.sizes()), LoadMode.CLOSED_LOOP,
                0, Duration.ofMillis(s.warmupMillis()), Duration.ofMillis(s.durationMillis()), s.clientThreads(),
                Duration.ofSeconds(10), 42);
    }

    List<EchoRun> run(List<String> targets) throws InterruptedException {
        List<EchoRun> runs = new ArrayList<>();
        int total = targets.size() * settings.rounds();
        List<List<String>> orders = schedule.rounds(targets, settings.rounds());
        for (int round = 0; round < settings.rounds(); round++) {
            List<String> order = orders.get(round);
            for (int pos = 0; pos < order.size(); pos++) {
                String target = order.get(pos);
                EchoRun r = runOne(target, round, pos);
                runs.add(r);
                progress.accept(String.format("[echo %d/%d] round %d %-10s %s", runs.size(), total, round + 1, target,
                        r.failure() != null ? "FAILED: " + firstLine(r.failure())
                                : String.format("%,.0f msg/s, p99 %.0f us, %.1f B/msg, %d errors",
                                r.load().messagesPerSecond(), r.load().latency().p99Us(), r.bytesPerMessage(),
                                r.load().errorCount())));
            }
        }
        return runs;
    }

    private EchoRun runOne(String target, int round, int pos) throws InterruptedException {
        if (!EchoServers.NETTY.equals(target) && !servers.echoJarPresent()) {
            return new EchoRun(target, round, pos, null, null, null, "our echo server is not built ("
                    + servers.echoJar() + " missing): run from the repository root after mvn package");
        }
        Path stats = workDir.resolve("stats-" + target + "-" + round + ".json");
        Path log = workDir.resolve("server-" + target + "-" + round + ".log");
        Path safepoints = workDir.resolve("safepoints-" + target + "-" + round + ".log");
        List<String> cmd = servers.command(target, settings.blockSize(), settings.poolSize(), stats,
                List.of(ProcessFigures.safepointLogFlag(safepoints)));
        LoadResult load = null;
        try (ServerProcess server = ServerProcess.start(cmd, stats, log)) {
            double serverCpu0 = ProcessFigures.cpuNanos(server.pid());
            double clientCpu0 = ProcessFigures.ownCpuNanos();
            long wall0 = System.nanoTime();
            load = LoadGenerator.run(load(settings).withPort(server.port()));
            double wall = System.nanoTime() - wall0;
            double serverCpu = ProcessFigures.cpuNanos(server.pid()) - serverCpu0;
            double clientCpu = ProcessFigures.ownCpuNanos() - clientCpu0;
            if (round == 0) {
                series(target, round, server.port(), load.messagesPerSecond());
            }
            double rss = ProcessFigures.rssBytes(server.pid());
            ServerStats figures = server.stop();
            double[] pauses = EchoCosts.maxAndP99Ms(ProcessFigures.gcPauses(safepoints));
            long n = Math.max(1, load.totalMessages());
            EchoCosts costs = new EchoCosts(serverCpu / n / 1000, clientCpu / n / 1000,
                    clientCpu / wall / settings.clientThreads(), ProcessFigures.gcPauses(safepoints).size(), pauses[0],
                    pauses[1], rss / (1 << 20), slabMiB(target));
            return new EchoRun(target, round, pos, load, figures, server.exitValue(), null, costs);
        } catch (IOException | RuntimeException e) {
            return new EchoRun(target, round, pos, load, null, null, String.valueOf(e.getMessage()));
        }
    }

    /** Memory the target's buffers reserve up front, in MiB. */
    private double slabMiB(String target) {
        if (EchoServers.NETTY.equals(target) || EchoServers.NONE.equals(target)) {
            return 0;
        }
        long blocks = EchoServers.LOOP_BUFFER.equals(target) ? settings.serverThreads() : settings.poolSize();
        return blocks * (double) settings.blockSize() / (1 << 20);
    }

    /**
     * The fixed-rate latency series against the running server, at each fraction of the
     * closed-loop maximum {@code max} it just reached; each run writes its .hgrm file.
     */
    private void series(String target, int round, int port, double max) throws InterruptedException {
        for (double f : settings.rateFractions()) {
            double rate = Math.max(1, f * max);
            String name = String.format("latency-%s-%02.0f.hgrm", target, f * 100);
            LoadResult r = LoadGenerator.run(load(settings).withPort(port).atFixedRate(rate,
                    Duration.ofMillis(settings.rateWarmupMillis()), Duration.ofMillis(settings.rateMillis())),
                    workDir.resolve(name));
            points.add(new RatePoint(target, round, f, rate, r, workDir.getFileName() + "/" + name));
            progress.accept(String.format("  fixed rate %s at %.0f%% (%,.0f msg/s): p50 %.0f us, p99 %.0f us,"
                    + " p99.9 %.0f us, max %.0f us, %d errors", target, f * 100, rate, r.latency().p50Us(),
                    r.latency().p99Us(), r.latency().p999Us(), r.latency().maxUs(), r.errorCount()));
        }
    }

    /** The fixed-rate runs so far, in run order. */
    List<RatePoint> points() {
        return List.copyOf(points);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static List<EchoSummary> summarize(List<String> targets, List<EchoRun> runs) {
        List<EchoSummary> out = new ArrayList<>();
        for (String t : targets) {
            out.add(EchoSummary.of(t, runs.stream().filter(r -> r.target().equals(t)).toList()));
        }
        return out;
    }

    static Path runsDir(Path out) throws IOException {
        Path dir = out.resolve("runs");
        Files.createDirectories(dir);
        return dir;
    }
}
