package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under a file-descriptor limit it reaches ({@code ulimit -n} in the child): past
 * the limit, each new client is refused at once (it reads the end of the stream or a reset, instead
 * of hanging in the backlog), the acceptor does not spin (each failed accept refused one client),
 * and once clients leave, new ones are served again.
 */
@Timeout(120)
class DescriptorLimitIT {
    /** Enough for the JVM, its selectors and a few dozen clients: small, so the test reaches it soon. */
    private static final int DESCRIPTORS = 48;
    private static final int REFUSALS = 3;

    @TempDir
    Path dir;

    @Test
    void pastTheLimitClientsAreRefusedAtOnceWithoutSpinningAndServedAgainOnceOthersLeave() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs a POSIX shell's 'ulimit -n' and Linux");
        try (EchoProcess server = EchoProcess.startWithDescriptorLimit(DESCRIPTORS, dir.resolve("stderr"), "--pool",
                "local", "--port", "0", "--threads", "1", "--stats-interval", "100ms", "--stats-format", "json");
             Clients clients = new Clients(server.port())) {
            List<Socket> served = new ArrayList<>();
            int refused = 0;
            // Every read has a 30 s safety net: a client left hanging in the backlog fails the test there.
            for (int i = 0; i < DESCRIPTORS && refused < REFUSALS; i++) {
                Socket s = clients.connect();
                if (echoesOneByte(s, server, i)) {
                    served.add(s);
                } else {
                    refused++;
                    s.close();
                }
            }
            assertThat(served).as("clients served up to the limit").hasSizeGreaterThan(REFUSALS);
            assertThat(refused).as("clients refused past the limit").isEqualTo(REFUSALS);

            // Stay at the limit for two stats intervals: a spinning acceptor would count failures meanwhile.
            int seen = server.statsLines().size();
            Await.until("two more stats lines", () -> server.statsLines().size() >= seen + 2,
                    () -> String.valueOf(server.lines()));
            List<String> stats = server.statsLines();
            String atLimit = stats.get(stats.size() - 1);
            assertThat(EchoProcess.figure(atLimit, "connectionsRefusedNoDescriptor")).as(atLimit).isEqualTo(REFUSALS);
            // One per refusal, and one more, from the accept after the client that took the last descriptor
            // (which fails although nobody waits: Linux takes the descriptor before it looks at the backlog).
            assertThat(EchoProcess.figure(atLimit, "acceptFailures")).as("failed accepts; " + atLimit)
                    .isBetween((long) REFUSALS, REFUSALS + 1L);

            for (Socket s : served.subList(0, REFUSALS + 1)) {
                s.close(); // frees descriptors in the server once it reads their end of stream
            }
            Await.until("a new client is served again", () -> newClientServed(clients),
                    () -> String.valueOf(server.lines()));

            assertThat(server.terminate()).as("exit status; stderr: %s", server.stderr()).isZero();
            assertThat(server.finalFigure("connectionsRefusedNoDescriptor")).isGreaterThanOrEqualTo(REFUSALS);
            // Again one per refusal, and at most one more each time an accept took the last descriptor:
            // when the limit was first reached, and maybe when the client that proved recovery did.
            long refusedInAll = server.finalFigure("connectionsRefusedNoDescriptor");
            assertThat(server.finalFigure("acceptFailures")).as("no spin: each failed accept refused a client")
                    .isBetween(refusedInAll, refusedInAll + 2);
            assertThat(server.finalFigure("leakedBlocks")).isZero();
        }
    }

    /**
     * {@link #echoesOneByte(Socket)}, and if the client hangs, a failure that carries what the
     * server printed (its stats lines and stderr), so a rare hang can be read afterwards.
     */
    private static boolean echoesOneByte(Socket s, EchoProcess server, int client) throws IOException {
        try {
            return echoesOneByte(s);
        } catch (AssertionError hang) {
            AssertionError e = new AssertionError("client " + client + ": " + hang.getMessage() + "; server stdout: "
                    + server.lines() + "; stderr: " + server.stderr(), hang.getCause());
            throw e;
        }
    }

    /** True iff the server echoed one byte; false if it closed or reset the connection instead. */
    private static boolean echoesOneByte(Socket s) throws IOException {
        try {
            s.getOutputStream().write(7);
            return s.getInputStream().read() == 7;
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the client hangs: neither served nor refused", e);
        } catch (IOException e) { // reset: refused with our byte unread
            return false;
        }
    }

    private static boolean newClientServed(Clients clients) {
        try (Socket s = clients.connect()) {
            return echoesOneByte(s);
        } catch (IOException e) {
            return false;
        }
    }
}
