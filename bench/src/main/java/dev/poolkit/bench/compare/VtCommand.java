package dev.poolkit.bench.compare;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./poolkit vt}: the virtual-thread scenario alone ({@link VirtualThreadPhase}). */
@Command(name = "vt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Thousands of short-lived virtual threads on one pool: cost per pair, growth with the thread"
                + " count and heap kept, for local, freelist, jctools, Stormpot 4's virtual-thread-safe tap, Netty's"
                + " adaptive allocator and plain allocation, with the targets' verdicts. Needs a Java 21+ executable.",
                "Writes DIR/" + VirtualThreadPhase.RESULT_FILE + " and DIR/" + VirtualThreadPhase.MARKDOWN_FILE + "."})
public final class VtCommand implements Callable<Integer> {
    /** Exit status when the JVM given cannot run virtual threads: nothing was measured. */
    static final int EXIT_SKIPPED = 3;

    static final class Preset {
        @Option(names = "--quick", description = "About a minute and a half: 40,000 and 5,000 threads x 10 pairs, 15 rounds (the default).")
        boolean quick;

        @Option(names = "--smoke", description = "Seconds: checks the pipeline; the numbers mean nothing.")
        boolean smoke;
    }

    @ArgGroup(exclusive = true)
    Preset preset;

    @Option(names = "--java", paramLabel = "PATH", required = true,
            description = "The java executable of a JDK 21+, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java.")
    Path java;

    @Option(names = "--jvm-arg", paramLabel = "FLAG", description = "A flag for the scenario JVMs (repeatable).")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--out", defaultValue = "report", paramLabel = "DIR", description = "Where to write (default: report).")
    Path out;

    @Option(names = "--scenario-jar", paramLabel = "JAR",
            description = "The scenario (default: bench-vt/target/vt-scenario.jar).")
    Path scenarioJar;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VirtualThreadPhase.Settings settings = preset != null && preset.smoke ? VirtualThreadPhase.Settings.SMOKE
                : VirtualThreadPhase.Settings.QUICK;
        VirtualThreadPhase phase = new VirtualThreadPhase(settings,
                scenarioJar != null ? scenarioJar : VirtualThreadPhase.defaultScenarioJar());
        VirtualThreadPhase.Result r = phase.run(java, jvmArgs, out, spec.commandLine().getErr()::println);
        if (!r.ran()) {
            spec.commandLine().getErr().println("vt: skipped: " + r.skipped());
            return EXIT_SKIPPED;
        }
        spec.commandLine().getOut().print(r.markdown());
        spec.commandLine().getOut().println("written: " + out.resolve(VirtualThreadPhase.RESULT_FILE) + ", "
                + out.resolve(VirtualThreadPhase.MARKDOWN_FILE));
        boolean failed = r.rows().stream().anyMatch(row -> row.failure() != null);
        return failed ? 1 : 0;
    }
}
