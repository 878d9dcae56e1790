package dev.poolkit.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The report's "Reading": a few plain sentences read off the numbers, so tables do not speak alone. */
final class Reading {
    private Reading() {
    }

    /** A few plain sentences read off the numbers, so the table is not left to speak for itself. */
    static String of(CompareResults r) {
        List<String> lines = new ArrayList<>();
        best(r.jmh(), "pair1Thread").ifPresent(x -> lines.add(String.format(
                "Cheapest uncontended acquire+release at 4 KiB: `%s`, %s ns.", x.subject(), ReportWriter.num(x.median()))));
        best(r.jmh(), "pair2Threads").ifPresent(x -> lines.add(String.format(
                "Cheapest with 2 threads: `%s`, %s ns.", x.subject(), ReportWriter.num(x.median()))));
        Targets.pair(r.jmh(), "none-heap", "pair1Thread").filter(JmhRow::ok).ifPresent(x -> lines.add(String.format(
                "Not pooling costs %s ns and %s B per 4 KiB heap buffer (%s ns direct): that is what a pool saves.",
                ReportWriter.num(x.median()), ReportWriter.num(x.allocPerOp()), Targets.pair(r.jmh(), "none-direct", "pair1Thread")
                        .filter(JmhRow::ok).map(d -> ReportWriter.num(d.median())).orElse("?"))));
        smallBuffers(r.jmh()).ifPresent(lines::add);
        for (String lib : List.of("commons", "jctools")) {
            Optional<JmhRow> ours = Targets.pair(r.jmh(), lib, "pair1Thread").filter(JmhRow::ok);
            Optional<JmhRow> raw = Targets.pair(r.jmh(), "raw-" + lib, "pair1Thread").filter(JmhRow::ok);
            if (ours.isPresent() && raw.isPresent()) {
                lines.add(String.format("`%s` costs %s ns a pair against %s ns for the library used raw (`raw-%s`):"
                                + " %s ns is our adapter (buffer reset, double-release check, stats).", lib,
                        ReportWriter.num(ours.get().median()), ReportWriter.num(raw.get().median()), lib,
                        ReportWriter.num(ours.get().median() - raw.get().median())));
            }
        }
        List<EchoSummary> ok = r.echo().stream().filter(EchoSummary::ok).toList();
        ok.stream().max((a, b) -> Double.compare(a.msgPerSec(), b.msgPerSec())).ifPresent(e -> lines.add(
                String.format("Highest echo throughput: `%s`, %,.0f msg/s.", e.target(), e.msgPerSec())));
        ok.stream().filter(e -> e.target().equals("none")).findFirst().ifPresent(e -> lines.add(String.format(
                "Our server without a pool allocates %s B per message (%s GCs per run); with a pool: %s.",
                ReportWriter.num(e.bytesPerMessage()), ReportWriter.num(e.gcCount()), ok.stream()
                        .filter(p -> !p.target().equals("none") && !p.target().equals("netty"))
                        .map(p -> "`" + p.target() + "` " + ReportWriter.num(p.bytesPerMessage()) + " B")
                        .collect(Collectors.joining(", ")))));
        if (lines.isEmpty()) {
            return "Nothing was measured.\n";
        }
        return lines.stream().map(l -> "- " + l).collect(Collectors.joining("\n")) + "\n";
    }

    /**
     * The smallest block size at which plain heap allocation beats every pooled row: below it, a
     * pool costs time (the TLAB makes small allocations nearly free) and only saves GC work.
     */
    private static Optional<String> smallBuffers(List<JmhRow> jmh) {
        return jmh.stream().filter(x -> x.benchmark().equals("BlockPairBenchmark") && x.method().equals("pair1Thread")
                        && x.subject().equals("none-heap") && x.ok())
                .sorted(java.util.Comparator.comparingInt(x -> Integer.parseInt(x.params().get("blockSize"))))
                .filter(heap -> jmh.stream().filter(p -> p.caseLabel().equals(heap.caseLabel()) && p.ok()
                                && !p.subject().startsWith("none"))
                        .allMatch(p -> p.median() > heap.median()))
                .findFirst()
                .map(heap -> String.format("At %s B, allocating a heap buffer (%s ns, %s B of garbage) is faster than"
                                + " every pool: pool buffers that small only to spare the garbage collector.",
                        heap.params().get("blockSize"), ReportWriter.num(heap.median()),
                        ReportWriter.num(heap.allocPerOp())));
    }

    private static Optional<JmhRow> best(List<JmhRow> jmh, String method) {
        return jmh.stream().filter(x -> x.benchmark().equals("BlockPairBenchmark") && x.method().equals(method)
                        && "4096".equals(x.params().get("blockSize")) && x.ok())
                .min((a, b) -> Double.compare(a.median(), b.median()));
    }
}
