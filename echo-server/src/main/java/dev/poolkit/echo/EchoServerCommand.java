package dev.poolkit.echo;

import dev.poolkit.api.Pools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The command line of the echo server: flags to an {@link EchoConfig}, then an {@link EchoServerRunner}. */
@Command(name = "echo-server", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = EchoServerCommand.Version.class,
        description = {"RFC 862 echo server over TCP (java.nio) whose read buffers come from a Poolkit BlockPool and"
                + " whose connection objects come from an ObjectPool of the same backend.", ""},
        footer = {"", "Prints 'echo-server listening host=H port=P ...' once ready, a stats line every"
                + " --stats-interval, and on SIGTERM/Ctrl-C a final report ending with one line"
                + " 'echo-server final-stats {JSON}'.",
                "Exit status: 0 clean shutdown, 1 startup failure, 2 bad usage, 3 a buffer was still out of"
                        + " the pool at shutdown (a leak), 4 the server stopped itself because a part of it failed"
                        + " beyond recovery (stderr says which)."})
public final class EchoServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "NAME", defaultValue = Pools.DEFAULT_BACKEND,
            completionCandidates = PoolNames.class,
            description = "Backend of the buffer and connection pools: one of ${COMPLETION-CANDIDATES}. 'none' allocates"
                    + " a fresh buffer per readiness event (the no-pool baseline), 'loop-buffer' one buffer per event loop with"
                    + " unsent tails copied to the heap (the realistic unpooled server). Default: ${DEFAULT-VALUE}.")
    String pool;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = EchoConfig.DEFAULT_BIND,
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--port", defaultValue = "" + EchoConfig.DEFAULT_PORT,
            description = "TCP port; 0 picks a free one (printed in the 'listening' line). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--io", paramLabel = "loops|virtual-threads", defaultValue = "loops",
            description = "Who waits for the sockets: 'loops' (event loops, selector threads; the default) or"
                    + " 'virtual-threads' (one blocking virtual thread per connection; needs Java 21+)."
                    + " Same pools, flags, statistics and shutdown either way.")
    String io;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loops (selector threads); ignored with --io virtual-threads. Default: the number of cores.")
    Integer threads;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "" + EchoConfig.DEFAULT_BLOCK_SIZE,
            description = "Bytes per buffer, i.e. the largest single read. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--pool-size", paramLabel = "BLOCKS", defaultValue = "" + EchoConfig.DEFAULT_POOL_SIZE,
            description = "Buffers in the pool, i.e. connections served at once (plus stalled echoes not yet"
                    + " spilled). Default: ${DEFAULT-VALUE}.")
    int poolSize;

    @Option(names = "--block-sizes", split = ",", paramLabel = "BYTES",
            description = "Several buffer sizes instead of one (e.g. 1k,4k,16k): each connection reads into the"
                    + " class its recent reads call for (up after a full read, down after several small ones).")
    List<String> blockSizes;

    @Option(names = "--pool-sizes", split = ",", paramLabel = "BLOCKS",
            description = "With --block-sizes: blocks per class, in the same order, or one count for all."
                    + " Default: --pool-size for each.")
    List<Integer> poolSizes;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Record Poolkit's flight-recorder events (the shipped poolkit.jfc settings) for the whole"
                    + " run into FILE, for ./poolkit advise.")
    Path jfr;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + EchoConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Connections open at once; more are closed at once and counted as refused."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Close a connection after this long without a byte either way; 0 = never."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--write-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Close a connection whose client has not taken one echo (at most one buffer) in full for"
                    + " this long: it is not reading. 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration writeTimeout;

    @Option(names = "--spill-after", paramLabel = "DURATION", defaultValue = "10ms",
            converter = DurationConverter.class,
            description = "A connection whose client stops taking its echo keeps its pool buffer this long at most"
                    + " (not at all while buffers are scarce); then the unsent bytes move to a heap buffer of their"
                    + " own and the pool buffer goes back, so no client can pin the pool. 0 = at once."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration spillAfter;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "On SIGTERM, stop accepting and let in-flight echoes finish for up to this long (each"
                    + " connection is closed once all its client sent is echoed), then close the rest. 0 = close at"
                    + " once. Default: ${DEFAULT-VALUE}.")
    Duration drainTimeout;

    @Option(names = "--exhaustion", paramLabel = "wait|unpooled", defaultValue = "wait",
            description = "When no buffer is free: 'wait' (stop reading that connection until one is released)"
                    + " or 'unpooled' (read into a fresh heap buffer outside the pool, left to the garbage"
                    + " collector). Default: ${DEFAULT-VALUE}.")
    String exhaustion;

    @Option(names = "--stats-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Print a stats line this often; 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration statsInterval;

    @Option(names = "--stats-format", paramLabel = "text|json", defaultValue = "text",
            description = "Format of the periodic stats line: 'text' for people, 'json' (the fields of the final"
                    + " stats) for programs. Default: ${DEFAULT-VALUE}.")
    String statsFormat;

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "On shutdown, also write the final stats to FILE as one JSON object.")
    Path statsJson;

    @Option(names = "--leak-tracking",
            description = "Record where each buffer was acquired, so a leak report can say (costs a stack trace"
                    + " per read: for debugging).")
    boolean leakTracking;

    /** The configured command line, as {@link EchoServerMain} and the tests run it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EchoServerCommand());
        // A bad flag gets one clear line (plus "did you mean" for typos), not the whole help text.
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("echo-server: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run 'echo-server --help' for the flags.");
            err.flush();
            return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** The flags as a validated configuration; a bad value is reported as a usage error. */
    EchoConfig config() {
        try {
            EchoConfig.Builder b = EchoConfig.builder().pool(pool).bind(bind).port(port).blockSize(blockSize)
                    .poolSize(poolSize).maxConnections(maxConnections).idleTimeout(idleTimeout)
                    .writeTimeout(writeTimeout).spillAfter(spillAfter).drainTimeout(drainTimeout)
                    .exhaustion(BufferExhaustion.fromFlag(exhaustion)).leakTracking(leakTracking)
                    .io(IoModel.fromFlag(io));
            if (blockSizes != null && !blockSizes.isEmpty()) {
                b.sizeClasses(SizeClassFlags.parse(blockSizes, poolSizes, poolSize));
            } else if (poolSizes != null && !poolSizes.isEmpty()) {
                throw new IllegalArgumentException("--pool-sizes goes with --block-sizes; for one pool use --pool-size");
            }
            if (threads != null) {
                b.threads(threads);
            }
            jsonLines();
            if (statsInterval.isNegative()) {
                throw new IllegalArgumentException("--stats-interval must be zero (never) or positive, got "
                        + statsInterval);
            }
            EchoConfig.checkAtMostMax("--stats-interval", statsInterval, "; 0 means never");
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Whether periodic stats lines are JSON ({@code --stats-format json}). */
    boolean jsonLines() {
        switch (statsFormat.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "text":
                return false;
            case "json":
                return true;
            default:
                throw new IllegalArgumentException("--stats-format must be 'text' or 'json', got '" + statsFormat + "'");
        }
    }

    Duration statsInterval() {
        return statsInterval;
    }

    Path statsJson() {
        return statsJson;
    }

    @Override
    public Integer call() throws InterruptedException {
        EchoConfig config = config();
        EchoServerRunner runner = jfr == null
                ? new EchoServerRunner(config, statsInterval, statsJson, jsonLines(), spec.commandLine().getOut(),
                        spec.commandLine().getErr())
                : new EchoServerRunner(config, statsInterval, statsJson, jsonLines(), spec.commandLine().getOut(),
                        spec.commandLine().getErr(), RecordingBuffers.start(jfr));
        return runner.runUntilSignalled();
    }

    /** The valid values of {@code --pool}, for the help text. */
    public static final class PoolNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return EchoConfig.poolNames().iterator();
        }
    }

    /** {@code --version}: the project version, filtered into {@code version.properties} at build time. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = EchoServerCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"echo-server (Poolkit) " + p.getProperty("version", "unknown"),
                "pools: " + String.join(", ", EchoConfig.poolNames()),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
