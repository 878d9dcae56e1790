package dev.poolkit.echo;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --jfr FILE} with {@code --block-sizes}: the file holds Poolkit's events of the whole run, and only those. */
@Timeout(60)
class RecordingBuffersTest {
    private static final Pattern PORT = Pattern.compile("port=(\\d+) ");

    @Test
    void theRecordingIsWrittenAtShutdownWithTheReadsAndEachClassesStatistics(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("echo.jfr");
        EchoServerCommand cmd = new EchoServerCommand();
        picocli.CommandLine cl = new picocli.CommandLine(cmd);
        cl.parseArgs("--port", "0", "--threads", "1", "--block-sizes", "1k,4k", "--pool-sizes", "8,4", "--jfr",
                jfr.toString());
        StringWriter out = new StringWriter();
        EchoServerRunner runner = new EchoServerRunner(cmd.config(), Duration.ZERO, null, false,
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), RecordingBuffers.start(jfr));
        runner.start();
        Matcher m = PORT.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        try (Clients clients = new Clients(Integer.parseInt(m.group(1))); Socket s = clients.connect()) {
            for (int i = 0; i < 200; i++) {
                clients.echo(s, Clients.payload(new Random(i), 700));
            }
        }
        assertThat(runner.stop()).isEqualTo(ShutdownReport.EXIT_OK);
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        assertThat(events).allSatisfy(e -> assertThat(e.getEventType().getName()).startsWith("dev.poolkit."));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("dev.poolkit.BlockUse");
            assertThat(e.getInt("used")).isEqualTo(700);
        });
        assertThat(events.stream().filter(e -> e.getEventType().getName().equals("dev.poolkit.PoolStatistics"))
                .map(e -> e.getInt("blockSize")).distinct()).contains(1024, 4096);
    }
}
