package dev.poolkit.bench.jmh;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jmh}: JMH's own command line, with the rows taken from the registry: unless {@code -p
 * pool=...} / {@code -p objectPool=...} is given, every backend on the class path plus the
 * baselines and references. (Plain {@code java -jar benchmarks.jar} works too, with the
 * annotations' default lists.)
 */
@Command(name = "jmh", description = {"Runs JMH with every registered backend as a row, e.g.",
        "  ./poolkit jmh BlockPairBenchmark -p blockSize=4096 -prof gc",
        "Any JMH option works; -h lists them."})
public final class JmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "JMH-ARGS", description = "Arguments for JMH.")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        CommandLineOptions cl = new CommandLineOptions(args.toArray(new String[0]));
        if (cl.shouldHelp() || cl.shouldList() || cl.shouldListProfilers() || cl.shouldListResultFormats()
                || cl.shouldListWithParams()) {
            org.openjdk.jmh.Main.main(args.toArray(new String[0]));
            return 0;
        }
        ChainedOptionsBuilder opts = new OptionsBuilder().parent(cl);
        if (!cl.getParameter("pool").hasValue()) {
            opts.param("pool", BlockSubjects.names().toArray(new String[0]));
        }
        if (!cl.getParameter("objectPool").hasValue()) {
            opts.param("objectPool", ObjectSubjects.names().toArray(new String[0]));
        }
        new Runner(opts.build()).run();
        return 0;
    }
}
