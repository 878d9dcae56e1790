package dev.poolkit.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad command lines are usage errors (exit 2) whose message names the problem; nothing runs. */
class CliErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "compare --quick --smoke                  | mutually exclusive",
            "compare --backends nope --no-echo        | no backend 'nope' on the class path; available: ",
            "compare --backends jctool --no-echo      | Did you mean 'jctools' (module dev.poolkit:pool-jctools)?",
            "sweep --backends frelist                 | Did you mean 'freelist' (module dev.poolkit:pool-freelist)?",
            "compare --rounds 0                       | --rounds must be >= 1",
            "load                                     | Missing required option: '--port=<port>'",
            "load --port 7 --size big                 | 'big' is not a size in bytes",
            "load --port 7 --rate -5                  | fixed-rate mode needs a rate > 0",
            "load --port 7 --duration soon            | 'soon' is not a duration",
            "load --port 7 -c 0                       | connections must be >= 1",
            "load --port 70000                        | port must be from 1 to 65535",
            "netty-echo --threads 0                   | --threads must be >= 1",
            "sweep --block-sizes 0                    | --block-sizes",
            "report --from /no/such/results.json      | --from: /no/such/results.json not found",
            "nosuchcommand                            | Unmatched argument"})
    void isAUsageErrorThatSaysWhy(String args, String message) {
        StringWriter err = new StringWriter();
        CommandLine cl = PoolkitCli.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));

        int code = cl.execute(args.strip().split("\\s+"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message.strip());
    }
}
