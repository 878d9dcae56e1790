package dev.poolkit.bench.server;

import dev.poolkit.bench.Jvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the servers compare and sweep start: our echo server with a {@code --pool}
 * (any backend, or {@code none}), and the Netty reference. Both get the same JVM flags and event
 * loops, listen on an ephemeral port, and write their stats JSON on SIGTERM.
 */
public final class EchoServers {
    /** The name of the Netty reference among the echo targets. */
    public static final String NETTY = "netty";
    /** Our echo server without a pool: a fresh buffer per read. */
    public static final String NONE = "none";
    /** Our echo server without a pool, done as a careful server would: one buffer per event loop. */
    public static final String LOOP_BUFFER = "loop-buffer";

    private final Path echoJar;
    private final List<String> jvmArgs;
    private final int threads;
    private final Jvm jvm;
    /** Our server's {@code --io} (loops, virtual-threads); null leaves the server's default (loops). */
    private final String io;

    public EchoServers(Path echoJar, List<String> jvmArgs, int threads) {
        this(echoJar, jvmArgs, threads, Jvm.current());
    }

    /** Servers run on {@code jvm}, with its flags after {@code jvmArgs} (its collector replacing theirs). */
    public EchoServers(Path echoJar, List<String> jvmArgs, int threads, Jvm jvm) {
        this(echoJar, jvmArgs, threads, jvm, null);
    }

    private EchoServers(Path echoJar, List<String> jvmArgs, int threads, Jvm jvm, String io) {
        this.echoJar = echoJar;
        this.jvmArgs = jvm.args(jvmArgs);
        this.threads = threads;
        this.jvm = jvm;
        this.io = io;
    }

    /** The same servers with our server's {@code --io} set to {@code io} (virtual-threads needs Java 21+). */
    public EchoServers withIo(String io) {
        return new EchoServers(echoJar, jvmArgs, threads, jvm, io);
    }

    public String io() {
        return io;
    }

    /** The same servers with {@code n} event loops each. */
    public EchoServers withThreads(int n) {
        return new EchoServers(echoJar, jvmArgs, n, new Jvm(jvm.java(), jvm.featureVersion(), jvm.gc(), List.of()), io);
    }

    public Jvm jvm() {
        return jvm;
    }

    /** Where {@code ./poolkit} and CI find our server: the module's shaded jar, from the repository root. */
    public static Path defaultEchoJar() {
        return Path.of("echo-server", "target", "echo-server.jar");
    }

    public boolean echoJarPresent() {
        return Files.isRegularFile(echoJar);
    }

    public Path echoJar() {
        return echoJar;
    }

    /** The command for {@code target} ({@link #NETTY}, {@link #NONE}, {@link #LOOP_BUFFER} or a backend name). */
    public List<String> command(String target, int blockSize, int poolSize, Path statsJson) {
        return command(target, blockSize, poolSize, statsJson, List.of());
    }

    /** {@link #command(String, int, int, Path)} with {@code extraJvmFlags} after the JVM flags (logging, say). */
    public List<String> command(String target, int blockSize, int poolSize, Path statsJson, List<String> extraJvmFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm.java().toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(extraJvmFlags);
        if (NETTY.equals(target)) {
            // Same class path as this JVM: the bench jar (or target/classes in tests) holds Netty.
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.poolkit.bench.PoolkitCli",
                    "netty-echo", "--port", "0", "--threads", String.valueOf(threads),
                    "--stats-json", statsJson.toString()));
        } else {
            cmd.addAll(List.of("-jar", echoJar.toString(), "--pool", target, "--port", "0",
                    "--threads", String.valueOf(threads), "--block-size", String.valueOf(blockSize),
                    "--pool-size", String.valueOf(poolSize), "--stats-json", statsJson.toString()));
            if (io != null) {
                cmd.addAll(List.of("--io", io));
            }
        }
        return cmd;
    }
}
