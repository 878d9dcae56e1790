package dev.poolkit.bench.compare;

import dev.poolkit.bench.Json;
import dev.poolkit.bench.Jvm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--matrix", paramLabel = "DIR", description = "Regenerate a matrix instead: the charts of every"
            + " cell in DIR's subdirectories, then DIR/MATRIX.md and its charts.")
    Path matrix;

    @Override
    public Integer call() throws Exception {
        if (matrix != null) {
            return regenerateMatrix();
        }
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

    /** Every cell's charts redrawn, then MATRIX.md over the cells in the order they ran (their start dates). */
    private Integer regenerateMatrix() throws Exception {
        List<Matrix.Cell> cells = new ArrayList<>();
        try (var dirs = Files.list(matrix)) {
            for (Path d : dirs.filter(x -> Files.isRegularFile(x.resolve("results.json"))).toList()) {
                CompareResults r = Json.read(d.resolve("results.json"), CompareResults.class);
                Jvm jvm = Jvm.fromDescription(r.jvm()).orElseThrow(() -> new IllegalArgumentException("--matrix: "
                        + d + "/results.json names no benchmark JVM a matrix cell has ('" + r.jvm() + "')"));
                // Charts only: a cell's REPORT.md also holds what compare appended after the
                // results (the virtual-thread section), which results.json does not carry.
                List<String> errors = new ArrayList<>();
                Charts.writeAll(r, d, new ArrayList<>(), errors);
                errors.forEach(e -> System.err.println("chart not drawn: " + e));
                cells.add(new Matrix.Cell(jvm, d.getFileName().toString(), r));
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("--matrix: no */results.json under " + matrix
                    + "; give the --out directory of a compare with several --java or --gc sets");
        }
        cells.sort(java.util.Comparator.comparing(c -> c.results().environment().date()));
        Matrix.write(cells, matrix);
        System.out.println("written: " + matrix.resolve(Matrix.FILE) + " (" + cells.size() + " cells)");
        return 0;
    }
}
