package dev.poolkit.bench.server;

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

    private final Path echoJar;
    private final List<String> jvmArgs;
    private final int threads;
    /** Our server's {@code --io} (loops, virtual-threads); null leaves the server's default (loops). */
    private final String io;

    public EchoServers(Path echoJar, List<String> jvmArgs, int threads) {
        this(echoJar, jvmArgs, threads, null);
    }

    public EchoServers(Path echoJar, List<String> jvmArgs, int threads, String io) {
        this.echoJar = echoJar;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.threads = threads;
        this.io = io;
    }

    /** The same servers with our server's {@code --io} set to {@code io} (virtual-threads needs Java 21+). */
    public EchoServers withIo(String io) {
        return new EchoServers(echoJar, jvmArgs, threads, io);
    }

    public String io() {
        return io;
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

    /** The command for {@code target} ({@link #NETTY}, {@link #NONE} or a backend name). */
    public List<String> command(String target, int blockSize, int poolSize, Path statsJson) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
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
