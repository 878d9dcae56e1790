package dev.poolkit.bench;

import dev.poolkit.bench.advise.AdviseCommand;
import dev.poolkit.bench.compare.CompareCommand;
import dev.poolkit.bench.compare.ReportCommand;
import dev.poolkit.bench.compare.VtCommand;
import dev.poolkit.bench.jmh.JmhCommand;
import dev.poolkit.bench.load.LoadCommand;
import dev.poolkit.bench.netty.NettyEchoCommand;
import dev.poolkit.bench.sweep.SweepCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./poolkit}: the bench's commands. {@code compare} and {@code sweep} answer the project's
 * questions; {@code load}, {@code netty-echo} and {@code jmh} are their parts, usable alone.
 */
@Command(name = "poolkit", mixinStandardHelpOptions = true, version = "poolkit bench 0.1.0",
        description = "Should I pool this memory, with what, and how big?",
        subcommands = {CompareCommand.class, SweepCommand.class, AdviseCommand.class, ReportCommand.class, LoadCommand.class, NettyEchoCommand.class, JmhCommand.class, VtCommand.class,
                CommandLine.HelpCommand.class})
public final class PoolkitCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with one rule added: a flag value the command rejects (an
     * IllegalArgumentException from validation) is a usage error with its message, exit code 2,
     * not a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PoolkitCli());
        // jmh passes everything through to JMH, its options included
        cl.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + ex.getMessage());
                cmd.usage(cmd.getErr());
                return cmd.getCommandSpec().exitCodeOnInvalidInput();
            }
            throw ex;
        });
        return cl;
    }
}
