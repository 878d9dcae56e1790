package dev.poolkit.bench.compare;

import dev.poolkit.bench.server.EchoServers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets, judged on the numbers of one compare run. Medians decide; the error is
 * printed beside them so a reader can see when a verdict is within noise. Nothing here is tuned
 * to pass: a missing backend or a failed run is NOT_MEASURED, never MET.
 */
public final class Targets {
    /** The seed's Go free list on this machine (measured by the project lead): the freelist bar. */
    public static final double GO_FREELIST_NS = 9.5;
    /** JMH's gc.alloc.rate.norm carries a little harness noise (~0.01-0.1 B/op); below this is "0 B/op". */
    public static final double ZERO_ALLOC_TOLERANCE = 0.5;

    private static final String PAIR = "BlockPairBenchmark";
    private static final String SIZE = "4096";

    private Targets() {
    }

    public static List<TargetResult> evaluate(List<JmhRow> jmh, List<EchoSummary> echo) {
        List<TargetResult> out = new ArrayList<>();
        out.add(atMost(jmh, "local", "pair1Thread", 5.0, "local pair, 1 thread"));
        out.add(atMost(jmh, "local", "pair2Threads", 5.0, "local pair, 2 threads"));
        out.add(atMost(jmh, "freelist", "pair1Thread", GO_FREELIST_NS,
                "freelist pair, 1 thread, no slower than the seed's Go free list"));
        out.add(atMost(jmh, "jctools", "pair1Thread", 8.0, "jctools pair, 1 thread"));
        for (String b : List.of("local", "freelist", "jctools")) {
            out.add(zeroAlloc(jmh, b));
        }
        out.add(commonsOverhead(jmh));
        EchoSummary netty = echo.stream().filter(e -> e.target().equals(EchoServers.NETTY)).findFirst().orElse(null);
        for (EchoSummary e : echo) {
            if (e.target().equals(EchoServers.NETTY) || e.target().equals(EchoServers.NONE)) {
                continue;
            }
            out.add(echoThroughput(e, netty));
            out.add(echoAllocation(e));
        }
        return out;
    }

    static Optional<JmhRow> pair(List<JmhRow> jmh, String subject, String method) {
        return jmh.stream().filter(r -> r.benchmark().equals(PAIR) && r.method().equals(method)
                && SIZE.equals(r.params().get("blockSize")) && r.subject().equals(subject)).findFirst();
    }

    private static TargetResult atMost(List<JmhRow> jmh, String subject, String method, double limit, String name) {
        String requirement = String.format("<= %.1f ns per acquire+release at 4 KiB", limit);
        Optional<JmhRow> row = pair(jmh, subject, method);
        if (row.isEmpty() || !row.get().ok()) {
            return notMeasured(name, requirement, row, subject);
        }
        JmhRow r = row.get();
        return new TargetResult(name, requirement, nanos(r),
                r.median() <= limit ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED,
                Math.abs(r.median() - limit) <= r.error() ? "within the error: a rerun may decide otherwise" : "");
    }

    private static TargetResult zeroAlloc(List<JmhRow> jmh, String subject) {
        String name = subject + " allocates nothing";
        String requirement = "0 B/op (acquire+release at 4 KiB, 1 and 2 threads; < " + ZERO_ALLOC_TOLERANCE
                + " counts as 0)";
        List<JmhRow> rows = new ArrayList<>();
        pair(jmh, subject, "pair1Thread").filter(JmhRow::ok).ifPresent(rows::add);
        pair(jmh, subject, "pair2Threads").filter(JmhRow::ok).ifPresent(rows::add);
        if (rows.isEmpty() || rows.stream().anyMatch(r -> Double.isNaN(r.allocPerOp()))) {
            return notMeasured(name, requirement, pair(jmh, subject, "pair1Thread"), subject);
        }
        double worst = rows.stream().mapToDouble(JmhRow::allocPerOp).max().orElse(Double.NaN);
        StringBuilder measured = new StringBuilder();
        for (JmhRow r : rows) {
            measured.append(measured.length() == 0 ? "" : ", ")
                    .append(String.format("%.2f B/op (%d thr)", r.allocPerOp(), r.threads()));
        }
        return new TargetResult(name, requirement, measured.toString(),
                worst < ZERO_ALLOC_TOLERANCE ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED, "");
    }

    private static TargetResult commonsOverhead(List<JmhRow> jmh) {
        String name = "commons adapter overhead";
        String requirement = "within 5% of raw Commons Pool (pair, 1 thread, 4 KiB)";
        Optional<JmhRow> ours = pair(jmh, "commons", "pair1Thread");
        Optional<JmhRow> raw = pair(jmh, "raw-commons", "pair1Thread");
        if (ours.isEmpty() || !ours.get().ok()) {
            return notMeasured(name, requirement, ours, "commons");
        }
        if (raw.isEmpty() || !raw.get().ok()) {
            return notMeasured(name, requirement, raw, "raw-commons");
        }
        double ratio = ours.get().median() / raw.get().median();
        // The bar moves with raw's own noise: the verdict is within error when the gap to 1.05 x raw
        // is smaller than the two errors together.
        double gap = Math.abs(ours.get().median() - 1.05 * raw.get().median());
        boolean withinError = gap <= ours.get().error() + 1.05 * raw.get().error();
        return new TargetResult(name, requirement,
                String.format("%s vs raw %s: %+.1f%%", nanos(ours.get()), nanos(raw.get()), (ratio - 1) * 100),
                ratio <= 1.05 ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED,
                withinError ? "within the error: a rerun may decide otherwise" : "");
    }

    private static TargetResult echoThroughput(EchoSummary e, EchoSummary netty) {
        String name = e.target() + " echo throughput";
        String requirement = ">= Netty NIO echo (PooledByteBufAllocator), same load";
        if (!e.ok()) {
            return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED, e.failure());
        }
        if (netty == null || !netty.ok()) {
            return new TargetResult(name, requirement, msgs(e), TargetResult.Verdict.NOT_MEASURED,
                    "the Netty reference did not run" + (netty == null ? "" : ": " + netty.failure()));
        }
        double ratio = e.msgPerSec() / netty.msgPerSec();
        boolean withinSpread = Math.abs(e.msgPerSec() - netty.msgPerSec()) <= e.msgPerSecError() + netty.msgPerSecError();
        return new TargetResult(name, requirement,
                String.format("%s vs Netty %s (%+.1f%%)", msgs(e), msgs(netty), (ratio - 1) * 100),
                ratio >= 1 ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED,
                withinSpread ? "within the run-to-run spread: a rerun may decide otherwise" : "");
    }

    private static TargetResult echoAllocation(EchoSummary e) {
        String name = e.target() + " echo allocation";
        String requirement = "<= 1 byte allocated per echoed message (server event loops)";
        if (!e.ok() || Double.isNaN(e.bytesPerMessage())) {
            return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED,
                    e.failure() != null ? e.failure() : "the server reported no allocation figures");
        }
        return new TargetResult(name, requirement, String.format("%.2f B/msg (median of %d rounds)",
                e.bytesPerMessage(), e.rounds() - e.failedRounds()),
                e.bytesPerMessage() <= 1 ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED, "");
    }

    private static TargetResult notMeasured(String name, String requirement, Optional<JmhRow> row, String subject) {
        String why = row.isEmpty() ? "no '" + subject + "' row: backend not on the bench class path or case not run"
                : "the run failed: " + row.get().failure();
        return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED, why);
    }

    /** {@code 4.8 ns (mean 4.9 ± 0.2, n=5)}: the median first, then what its uncertainty is. */
    static String nanos(JmhRow r) {
        return String.format("%.2f ns (mean %.2f ± %s, n=%d)", r.median(), r.mean(),
                Double.isNaN(r.error()) ? "?" : String.format("%.2f", r.error()), r.scores().size());
    }

    static String msgs(EchoSummary e) {
        return String.format("%,.0f msg/s (± %,.0f)", e.msgPerSec(), e.msgPerSecError());
    }
}
