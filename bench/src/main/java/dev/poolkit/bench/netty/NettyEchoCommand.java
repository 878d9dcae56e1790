package dev.poolkit.bench.netty;

import dev.poolkit.bench.server.ServerStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code netty-echo}: runs {@link NettyEchoServer} until SIGTERM or Ctrl-C, then prints its stats
 * and writes them as JSON, like our echo server, so {@code compare} handles both the same way.
 */
@Command(name = "netty-echo", mixinStandardHelpOptions = true,
        description = "The reference echo server: Netty's own EchoServer example (NIO, PooledByteBufAllocator,"
                + " Netty's default event-loop threads, leak detection off).")
public final class NettyEchoCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "7008", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", description = "Event loops (default: cores).")
    Integer threads;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write the final stats here as JSON.")
    Path statsJson;

    @Override
    public Integer call() throws Exception {
        int loops = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (loops < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + loops);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        NettyEchoServer server = new NettyEchoServer(bind, port, loops);
        System.out.println("netty-echo listening on " + bind + ":" + server.port() + " (" + loops + " event loops)");
        System.out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Figures first, while the event-loop threads are still alive to be asked.
            String json = statsJson(server);
            server.close();
            System.out.println("netty-echo stats " + json);
            if (statsJson != null) {
                try {
                    Files.writeString(statsJson, json, StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    System.err.println("cannot write " + statsJson + ": " + e);
                }
            }
            done.countDown();
        }, "netty-echo-shutdown"));
        done.await();
        return 0;
    }

    static String statsJson(NettyEchoServer server) {
        long[] gc = ServerStats.gcTotals();
        return new com.google.gson.Gson().toJson(new ServerStats(server.allocatedBytes(), server.bytesEchoed(),
                server.readsEchoed(), gc[0], gc[1], null, null, null, null, ServerStats.directMemoryUsed()));
    }
}
