package dev.poolkit.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line, in process: defaults, help, version, and one clear line per bad flag. */
class EchoServerCommandTest {

    /** Output of one run of the command line. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EchoServerCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static EchoServerCommand parse(String... args) {
        CommandLine cl = EchoServerCommand.commandLine();
        cl.parseArgs(args);
        return cl.getCommand();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        EchoServerCommand cmd = parse();
        EchoConfig c = cmd.config();
        assertThat(c.pool()).isEqualTo("local");
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(7007);
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.blockSize()).isEqualTo(4096);
        assertThat(c.poolSize()).isEqualTo(EchoConfig.DEFAULT_POOL_SIZE);
        assertThat(c.maxConnections()).isEqualTo(EchoConfig.DEFAULT_MAX_CONNECTIONS);
        assertThat(c.idleTimeout()).isEqualTo(EchoConfig.DEFAULT_IDLE_TIMEOUT);
        assertThat(c.writeTimeout()).isEqualTo(EchoConfig.DEFAULT_WRITE_TIMEOUT);
        assertThat(c.spillAfter()).isEqualTo(EchoConfig.DEFAULT_SPILL_AFTER);
        assertThat(c.drainTimeout()).isEqualTo(EchoConfig.DEFAULT_DRAIN_TIMEOUT);
        assertThat(c.exhaustion()).isEqualTo(BufferExhaustion.WAIT);
        assertThat(c.io()).isEqualTo(IoModel.LOOPS);
        assertThat(cmd.statsInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cmd.statsJson()).isNull();
        assertThat(cmd.jsonLines()).isFalse();
    }

    @Test
    void virtualThreadsBelowJava21ExitTwoNamingTheJavaVersionNeeded() {
        assumeTrue(Runtime.version().feature() < 21, "this JVM runs virtual threads");
        Run r = run("--io", "virtual-threads", "--port", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--io virtual-threads needs Java 21 or later")
                .contains("this JVM is Java " + Runtime.version()).contains("--io loops");
    }

    @Test
    void virtualThreadsOnJava21AreTheConfiguredModel() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        assertThat(parse("--io", "Virtual-Threads").config().io()).isEqualTo(IoModel.VIRTUAL_THREADS);
    }

    @Test
    void anUnknownIoModelNamesTheTwoThereAre() {
        Run r = run("--io", "epoll");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--io must be 'loops'").contains("'virtual-threads'").contains("got 'epoll'");
    }

    @Test
    void everyFlagReachesTheConfiguration() {
        EchoServerCommand cmd = parse("--pool", "NONE", "--bind", "0.0.0.0", "--port", "0", "--threads", "3",
                "--block-size", "1024", "--pool-size", "16", "--max-connections", "5", "--idle-timeout", "250ms",
                "--write-timeout", "2s", "--spill-after", "0", "--drain-timeout", "1m",
                "--exhaustion", "Unpooled", "--stats-interval", "0", "--stats-json", "out/stats.json", "--stats-format", "JSON",
                "--leak-tracking");
        EchoConfig c = cmd.config();
        assertThat(c.pool()).isEqualTo("none");
        assertThat(c.pooled()).isFalse();
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isZero();
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.blockSize()).isEqualTo(1024);
        assertThat(c.poolSize()).isEqualTo(16);
        assertThat(c.maxConnections()).isEqualTo(5);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.spillAfter()).isZero();
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.exhaustion()).isEqualTo(BufferExhaustion.UNPOOLED);
        assertThat(c.leakTracking()).isTrue();
        assertThat(cmd.statsInterval()).isZero();
        assertThat(cmd.statsJson()).hasToString("out/stats.json");
        assertThat(cmd.jsonLines()).isTrue();
    }

    @Test
    void helpListsEveryFlagAndEveryPool() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--pool", "--bind", "--port", "--threads", "--block-size", "--pool-size",
                "--max-connections", "--idle-timeout", "--write-timeout", "--spill-after", "--drain-timeout",
                "--stats-interval", "--stats-json", "--stats-format", "--exhaustion",
                "--version", "final-stats");
        // The help wraps its lines, at spaces and after hyphens (loop-buffer): compare the text unwrapped.
        assertThat(r.out().replaceAll("\\s+", " ").replace("- ", "-"))
                .contains(String.join(", ", EchoConfig.poolNames()));
    }

    @Test
    void versionNamesTheProgramAndItsPools() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("echo-server (Poolkit)", "none");
    }

    @Test
    void anUnknownPoolFailsListingEveryValidName() {
        Run r = run("--pool", "bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --pool 'bogus'").contains(EchoConfig.poolNames());
        assertThat(r.err().lines().count()).as("lines of error output").isLessThanOrEqualTo(3);
    }

    @Test
    void aMistypedPoolGetsTheNameItMeantAndItsModule() {
        Run r = run("--pool", "jctool");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --pool 'jctool'").contains(EchoConfig.poolNames())
                .contains("Did you mean 'jctools' (module dev.poolkit:pool-jctools)?");
        // Names that are not backends (the no-pool baseline) are suggested too, without a module.
        assertThat(run("--pool", "nome").err()).contains("Did you mean 'none'?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port|70000|--port must be from 0 (ephemeral) to 65535, got 70000",
        "--port|-1|--port must be from 0",
        "--threads|0|--threads must be from 1 to 1024",
        "--threads|many|'many' is not an int",
        "--block-size|0|--block-size must be from 1",
        "--pool-size|0|--pool-size must be at least 1 block",
        "--pool-size|1000000|--pool-size 1000000 x --block-size 4096 is not a valid pool",
        "--max-connections|0|--max-connections must be at least 1",
        "--idle-timeout|5x|'5x' is not a duration",
        "--idle-timeout|10|'10' has no unit: write e.g. 10s",
        "--write-timeout|soon|'soon' is not a duration",
        "--spill-after|-1s|'-1s' is not a duration",
        "--spill-after|1m|--spill-after (PT1M) must be shorter than --write-timeout (PT30S)",
        "--drain-timeout|5|'5' has no unit",
        "--stats-interval|soon|'soon' is not a duration",
        "--exhaustion|fail|--exhaustion must be 'wait'",
        "--stats-format|xml|--stats-format must be 'text' or 'json', got 'xml'",
        "--bind|' '|--bind must be a host name or IP address",
    })
    void aBadValueGivesOneClearErrorAndExitStatus2(String flag, String value, String message) {
        Run r = run(flag, value);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("--help");
        assertThat(r.out()).isEmpty();
    }

    /**
     * Checked on the configuration, without starting a server: before the check, some of these
     * failed only once a server ran (at its first timeout, or at shutdown), and one never did.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--write-timeout|999999999999h|--write-timeout must be at most 36500 days, got PT999999999999H; 0 means never",
        "--idle-timeout|PT2562048H|--idle-timeout must be at most 36500 days, got PT2562048H; 0 means never",
        "--spill-after|876001h|--spill-after must be at most 36500 days",
        "--drain-timeout|999999999999m|--drain-timeout must be at most 36500 days",
        "--stats-interval|999999999999h|--stats-interval must be at most 36500 days, got PT999999999999H; 0 means never",
    })
    void aDurationTooLongToTimeIsAUsageError(String flag, String value, String message) {
        assertThatThrownBy(() -> parse(flag, value).config()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        Run r = run("--prot", "7007");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option", "--prot");
    }

    @Test
    void aPortInUseIsAStartupFailureWithExitStatus1() throws Exception {
        try (EchoServer taken = EchoServer.start(EchoConfig.builder().pool("none").port(0).threads(1).build())) {
            Run r = run("--port", String.valueOf(taken.port()), "--stats-interval", "0");
            assertThat(r.exit()).isEqualTo(EchoServerRunner.EXIT_FAILURE);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.port());
        }
    }

    @ParameterizedTest
    @CsvSource({"0,PT0S", "250ms,PT0.25S", "30s,PT30S", "5m,PT5M", "2h,PT2H", "PT1M30S,PT1M30S", " 7S ,PT7S"})
    void durationsAreReadWithTheirUnits(String text, String iso) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void aDurationWithoutAUnitOtherThanZeroIsRefused() {
        assertThatThrownBy(() -> DurationConverter.parse("15")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("not a duration");
    }
}
