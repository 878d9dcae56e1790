package dev.poolkit.bench.compare;

import dev.poolkit.bench.jmh.Twins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's "Reading": a few plain sentences read off this run's numbers, so tables do not
 * speak alone. Each sentence quotes rows of the run with their intervals; a comparison is only
 * worded as one when the intervals do not overlap.
 */
final class Reading {
    private Reading() {
    }

    static String of(CompareResults r) {
        List<String> lines = new ArrayList<>();
        cheapest(r.jmh(), "pair1Thread", "Cheapest uncontended acquire+release at 4 KiB").ifPresent(lines::add);
        cheapest(r.jmh(), "pair2Threads", "Cheapest with 2 threads (per pair, per thread)").ifPresent(lines::add);
        atomicCosts(r.jmh()).ifPresent(lines::add);
        Targets.pair(r.jmh(), "none-heap", "pair1Thread").filter(JmhRow::ok).ifPresent(x -> lines.add(String.format(
                "Not pooling costs %s ns and %s B per 4 KiB heap buffer (%s ns direct): that is what a pool saves.",
                x.time().format(), Numbers.num(x.alloc().value()), Targets.pair(r.jmh(), "none-direct", "pair1Thread")
                        .filter(JmhRow::ok).map(d -> d.time().format()).orElse("?"))));
        smallBuffers(r.jmh()).ifPresent(lines::add);
        for (String backend : r.backends()) {
            Optional<String> twin = Twins.of(backend);
            Optional<JmhRow> ours = Targets.pair(r.jmh(), backend, "pair1Thread").filter(JmhRow::ok);
            Optional<JmhRow> raw = twin.flatMap(t -> Targets.pair(r.jmh(), t, "pair1Thread")).filter(JmhRow::ok);
            if (ours.isPresent() && raw.isPresent()) {
                lines.add(String.format("`%s` takes %s the time of its bare twin `%s` (%s ns against %s ns, 1 thread):"
                                + " that factor is what Poolkit's layer costs.", backend,
                        Bootstrap.ratio(ours.get().scores(), raw.get().scores()).formatRatio(), twin.get(),
                        ours.get().time().format(), raw.get().time().format()));
            }
        }
        List<EchoSummary> ok = r.echo().stream().filter(EchoSummary::ok).toList();
        ok.stream().max(Comparator.comparingDouble(e -> e.msgPerSec().value())).ifPresent(e -> lines.add(
                String.format("Highest mean echo throughput: `%s`, %s msg/s (compare the intervals before reading it"
                        + " as a win).", e.target(), e.msgPerSec().format())));
        ok.stream().filter(e -> e.target().equals("none")).findFirst().ifPresent(e -> lines.add(String.format(
                "Our server without a pool allocates %s B per message (%s GCs per run); with a pool: %s.",
                Numbers.num(e.bytesPerMessage().value()), Numbers.num(e.gcCount().value()), ok.stream()
                        .filter(p -> !p.target().equals("none") && !p.target().equals("netty"))
                        .map(p -> "`" + p.target() + "` " + Numbers.num(p.bytesPerMessage().value()) + " B")
                        .collect(Collectors.joining(", ")))));
        doesPoolingPay(r, ok).ifPresent(lines::add);
        if (lines.isEmpty()) {
            return "Nothing was measured.\n";
        }
        return lines.stream().map(l -> "- " + l).collect(Collectors.joining("\n")) + "\n";
    }

    /**
     * Does pooling pay: each pooled server against {@code loop-buffer}, the unpooled server done
     * well, not against {@code none}'s fresh buffer per read: throughput ratio (interval over
     * rounds), and p99 at 75% of each server's own maximum where the series ran.
     */
    private static Optional<String> doesPoolingPay(CompareResults r, List<EchoSummary> ok) {
        Optional<EchoSummary> base = ok.stream().filter(e -> e.target().equals("loop-buffer")).findFirst();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new java.util.ArrayList<>();
        for (EchoSummary e : ok) {
            if (e.target().equals("loop-buffer") || e.target().equals("netty")) {
                continue;
            }
            String ratio = e.msgPerSecRounds().size() > 1 && base.get().msgPerSecRounds().size() > 1
                    ? Bootstrap.ratio(e.msgPerSecRounds().stream().map(List::of).toList(),
                    base.get().msgPerSecRounds().stream().map(List::of).toList()).formatRatio()
                    : String.format("%.2fx", e.msgPerSec().value() / base.get().msgPerSec().value());
            parts.add("`" + e.target() + "` " + ratio + p99At75(r, e.target()));
        }
        return Optional.of("Does pooling pay? Against `loop-buffer` (one buffer per event loop, the unpooled server"
                + " done well; " + Numbers.num(base.get().msgPerSec().value()) + " msg/s" + p99At75(r, "loop-buffer")
                + "), closed-loop throughput: " + String.join(", ", parts) + ". A pool that is not clearly above 1x"
                + " here does not pay on this JDK and collector; `none` shows what a fresh buffer per read costs.");
    }

    private static String p99At75(CompareResults r, String target) {
        return r.latencyVsRate().stream().filter(p -> p.target().equals(target) && Math.abs(p.fraction() - 0.75) < 1e-9)
                .findFirst().map(p -> ", p99 " + Numbers.num(p.load().latency().p99Us()) + " us at 75% load")
                .orElse("");
    }

    /** What the primitives cost here, quoting the AtomicCost rows of this run. */
    private static Optional<String> atomicCosts(List<JmhRow> jmh) {
        List<JmhRow> rows = jmh.stream().filter(x -> x.benchmark().equals("AtomicCost") && x.ok()).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("On this machine, uncontended (AtomicCost, ns per operation): " + rows.stream()
                .map(x -> "`" + x.subject() + "` " + x.time().format()).collect(Collectors.joining(", "))
                + "; `plainStore` is what the harness itself costs.");
    }

    /**
     * The smallest block size at which plain heap allocation beats every pooled row beyond the
     * intervals: below it, a pool costs time (the TLAB makes small allocations nearly free) and
     * only saves GC work.
     */
    private static Optional<String> smallBuffers(List<JmhRow> jmh) {
        return jmh.stream().filter(x -> x.benchmark().equals("BlockPairBenchmark") && x.method().equals("pair1Thread")
                        && x.subject().equals("none-heap") && x.ok() && x.time().hasInterval())
                .sorted(Comparator.comparingInt(x -> Integer.parseInt(x.params().get("blockSize"))))
                .filter(heap -> jmh.stream().filter(p -> p.caseLabel().equals(heap.caseLabel()) && p.ok()
                                && !p.subject().startsWith("none"))
                        .allMatch(p -> p.time().hasInterval() && p.time().low() > heap.time().high()))
                .findFirst()
                .map(heap -> String.format("At %s B, allocating a heap buffer (%s ns, %s B of garbage) is faster than"
                                + " every pool: pool buffers that small only to spare the garbage collector.",
                        heap.params().get("blockSize"), heap.time().format(), Numbers.num(heap.alloc().value())));
    }

    /** The lowest mean, and the rows whose intervals reach it (a tie as far as this run can tell). */
    private static Optional<String> cheapest(List<JmhRow> jmh, String method, String what) {
        List<JmhRow> rows = jmh.stream().filter(x -> x.benchmark().equals("BlockPairBenchmark")
                        && x.method().equals(method) && "4096".equals(x.params().get("blockSize")) && x.ok())
                .sorted(Comparator.comparingDouble(x -> x.time().value())).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JmhRow best = rows.get(0);
        List<String> ties = rows.stream().skip(1).filter(x -> !best.time().hasInterval() || !x.time().hasInterval()
                        || x.time().low() <= best.time().high())
                .map(x -> "`" + x.subject() + "` " + x.time().format()).toList();
        return Optional.of(String.format("%s: `%s`, %s ns%s.", what, best.subject(), best.time().format(),
                ties.isEmpty() ? "" : ", tied here with " + String.join(", ", ties) + " (the intervals overlap)"));
    }
}
