package dev.poolkit.bench.compare;

import dev.poolkit.bench.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code report}: regenerates REPORT.md, README-results.md and the charts from a results.json,
 * measuring nothing: proof that every table comes from the recorded numbers, and a way to restyle
 * a report without rerunning it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates REPORT.md, README-results.md and the charts from a compare's results.json.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--from", defaultValue = "report/results.json", paramLabel = "FILE",
            description = "The results (default: ${DEFAULT-VALUE}).")
    Path from;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: beside --from).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(from)) {
            throw new IllegalArgumentException("--from: " + from + " not found; run ./poolkit compare first");
        }
        CompareResults results = Json.read(from, CompareResults.class);
        if (results == null || results.rows() == null || results.settings() == null
                || results.jmh().stream().anyMatch(x -> x.time() == null)) {
            throw new IllegalArgumentException("--from: " + from + " was not written by this version of compare (it has"
                    + " no intervals or row configurations); rerun ./poolkit compare");
        }
        Path dir = out != null ? out : from.toAbsolutePath().getParent();
        if (out != null && !from.toAbsolutePath().getParent().equals(dir.toAbsolutePath())) {
            Files.createDirectories(dir);
        }
        ReportWriter.writeAll(results, dir);
        System.out.print(ReadmeTable.of(results));
        System.out.println("written: " + dir.resolve(ReportWriter.REPORT));
        return 0;
    }
}
