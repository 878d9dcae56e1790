package dev.poolkit.bench.load;

import dev.poolkit.bench.Durations;
import dev.poolkit.bench.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code load}: the echo load generator on its own, against any echo server. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Echo load generator: N connections, fixed or distributed message sizes, closed loop or fixed rate.",
                "Every echoed byte is verified; latency is recorded in HdrHistogram, corrected for coordinated",
                "omission in fixed-rate mode (measured from when each message was due). --slow-readers and",
                "--non-readers add hostile clients beside the measured ones, for the whole run."})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Echo server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, description = "Echo server port.")
    int port;

    @Option(names = {"-c", "--connections"}, defaultValue = "16", description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--size", defaultValue = "4k", paramLabel = "SIZES",
            description = {"Message size: 4096 or 4k; a range 64-64k; or weights 64:50,4k:40,64k:10 (default: ${DEFAULT-VALUE})."})
    String size;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Fixed-rate mode at this total rate; without it, closed loop (as fast as echoes return).")
    Double rate;

    @Option(names = "--warmup", defaultValue = "2s", converter = Durations.class,
            description = "Run before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = Durations.class,
            description = "Measurement window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--threads", defaultValue = "1", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--timeout", defaultValue = "10s", converter = Durations.class,
            description = "A message not echoed within this is an error (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--slow-readers", defaultValue = "0", paramLabel = "N",
            description = {"Also keep N slow readers connected: they write all the time and read 1 KiB every 10 ms.",
                    "Not measured: throughput and latency are the -c connections' (default: ${DEFAULT-VALUE})."})
    int slowReaders;

    @Option(names = "--non-readers", defaultValue = "0", paramLabel = "N",
            description = "Also keep N non-readers connected: they write until the server stops them and never read."
                    + " Not measured (default: ${DEFAULT-VALUE}).")
    int nonReaders;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of sizes and payloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    /** The spec these flags describe; throws IllegalArgumentException naming the bad flag value. */
    LoadSpec spec() {
        LoadMode mode = rate == null ? LoadMode.CLOSED_LOOP : LoadMode.FIXED_RATE;
        return new LoadSpec(host, port, connections, SizeDistribution.parse(size), mode, rate == null ? 0 : rate,
                warmup, duration, threads, timeout, seed, slowReaders, nonReaders);
    }

    @Override
    public Integer call() throws Exception {
        LoadSpec spec = spec();
        System.out.println("echo load on " + host + ":" + port + ": " + spec.describe());
        LoadResult result = LoadGenerator.run(spec);
        System.out.print(result.format());
        if (json != null) {
            Json.write(json, result);
        }
        return result.errorCount() == 0 && result.messages() > 0 ? 0 : 1;
    }
}
