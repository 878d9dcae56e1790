package dev.poolkit.bench.compare;

import dev.poolkit.bench.jmh.BlockSubjects;
import dev.poolkit.bench.jmh.Twins;
import dev.poolkit.bench.server.EchoServers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The targets, judged on the numbers of one compare run. Every speed target is a ratio to another
 * row of the same run, never a time typed in here: these machines differ by more than the targets
 * from one day to the next. A verdict is MET or MISSED only when the ratio's whole interval lies on
 * one side of the requirement. Nothing here is tuned to pass: a missing or failed row is
 * NOT_MEASURED, never MET.
 */
public final class Targets {
    /** JMH's gc.alloc.rate.norm carries a little harness noise (~0.01-0.1 B/op); below this is "0 B/op". */
    public static final double ZERO_ALLOC_TOLERANCE = 0.5;
    /** Backends whose library allocates per operation by design (Commons Pool's own bookkeeping). */
    static final Set<String> ALLOCATING_BY_DESIGN = Set.of("commons");

    private static final String PAIR = "BlockPairBenchmark";
    private static final String SIZE = "4096";

    private Targets() {
    }

    /** @param backends the registered backends this run compared */
    public static List<TargetResult> evaluate(List<JmhRow> jmh, List<EchoSummary> echo, List<String> backends) {
        List<TargetResult> out = new ArrayList<>();
        for (String method : List.of("pair1Thread", "pair2Threads")) {
            TargetResult t = ratio(jmh, "local", BlockSubjects.STORMPOT_NEVER, method, 0.9,
                    "local against Stormpot, " + threads(method));
            out.add(withFloor(t, jmh, "local", BlockSubjects.STORMPOT_NEVER, method));
        }
        out.add(overTwin(jmh, "freelist", 1.15));
        out.add(overTwin(jmh, "jctools", 1.3));
        out.add(overTwin(jmh, "commons", 1.05));
        for (String b : backends) {
            if (!ALLOCATING_BY_DESIGN.contains(b)) {
                out.add(zeroAlloc(jmh, b));
            }
        }
        EchoSummary netty = echo.stream().filter(e -> e.target().equals(EchoServers.NETTY)).findFirst().orElse(null);
        for (EchoSummary e : echo) {
            if (e.target().equals(EchoServers.NETTY) || e.target().equals(EchoServers.NONE)
                    || e.target().equals(EchoServers.LOOP_BUFFER)) { // not pools: no target for them
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

    private static TargetResult overTwin(List<JmhRow> jmh, String backend, double limit) {
        String twin = Twins.of(backend).orElseThrow(() -> new IllegalStateException(backend + " declares no twin"));
        TargetResult t = ratio(jmh, backend, twin, "pair1Thread", limit, backend + " over its bare twin, 1 thread");
        return withFloor(t, jmh, backend, twin, "pair1Thread");
    }

    /**
     * Not judged: {@code t} with the backend's refusing twin (its bare design plus the atomic
     * double-release refusal, nothing else) quoted as a ratio to the same reference, in the same
     * run: how much of the limit that one instruction takes before anything else of ours. {@code t}
     * as it is when the backend has no such row, or it or the reference did not run.
     */
    private static TargetResult withFloor(TargetResult t, List<JmhRow> jmh, String backend, String reference,
                                          String method) {
        Optional<String> refusing = Twins.refusingOf(backend);
        Optional<JmhRow> floor = refusing.flatMap(r -> pair(jmh, r, method)).filter(JmhRow::ok);
        Optional<JmhRow> ref = pair(jmh, reference, method).filter(JmhRow::ok);
        if (floor.isEmpty() || ref.isEmpty() || t.verdict() == TargetResult.Verdict.NOT_MEASURED) {
            return t;
        }
        Estimate f = Bootstrap.ratio(floor.get().scores(), ref.get().scores());
        return new TargetResult(t.target(), t.requirement(), t.measured() + String.format("; the twin with the"
                + " atomic double-release refusal alone, `%s` %s ns, is %s of `%s`", refusing.get(),
                floor.get().time().format(), f.formatRatio(), reference), t.verdict(), t.note());
    }

    /** {@code subject <= limit x reference} in the 4 KiB pair case of {@code method}. */
    private static TargetResult ratio(List<JmhRow> jmh, String subject, String reference, String method,
                                      double limit, String name) {
        String requirement = String.format("<= %.2f x `%s` (acquire+release, %s, 4 KiB)", limit, reference,
                threads(method));
        Optional<JmhRow> ours = pair(jmh, subject, method);
        Optional<JmhRow> ref = pair(jmh, reference, method);
        if (ours.isEmpty() || !ours.get().ok()) {
            return notMeasured(name, requirement, ours, subject);
        }
        if (ref.isEmpty() || !ref.get().ok()) {
            return notMeasured(name, requirement, ref, reference);
        }
        Estimate r = Bootstrap.ratio(ours.get().scores(), ref.get().scores());
        String measured = String.format("`%s` %s ns / `%s` %s ns = %s", subject, ours.get().time().format(),
                reference, ref.get().time().format(), r.formatRatio());
        return new TargetResult(name, requirement, measured, r.atMost(limit), note(r, String.format("%.2f", limit)));
    }

    private static String threads(String method) {
        return method.equals("pair1Thread") ? "1 thread" : "2 threads";
    }

    private static TargetResult zeroAlloc(List<JmhRow> jmh, String subject) {
        String name = subject + " allocates nothing";
        String requirement = "0 B/op (acquire+release at 4 KiB, 1 and 2 threads; < " + ZERO_ALLOC_TOLERANCE
                + " counts as 0)";
        List<JmhRow> rows = new ArrayList<>();
        for (String method : List.of("pair1Thread", "pair2Threads")) {
            Optional<JmhRow> row = pair(jmh, subject, method);
            if (row.isEmpty() || !row.get().ok() || !row.get().alloc().measured()) {
                return notMeasured(name, requirement, row, subject);
            }
            rows.add(row.get());
        }
        StringBuilder measured = new StringBuilder();
        TargetResult.Verdict verdict = TargetResult.Verdict.MET;
        String note = "";
        for (JmhRow r : rows) {
            measured.append(measured.length() == 0 ? "" : ", ")
                    .append(r.alloc().formatUnmarked()).append(" B/op (").append(r.threads()).append(" thr)");
            TargetResult.Verdict v = r.alloc().atMost(ZERO_ALLOC_TOLERANCE);
            if (v == TargetResult.Verdict.MISSED) {
                verdict = v;
            } else if (v == TargetResult.Verdict.INCONCLUSIVE && verdict == TargetResult.Verdict.MET) {
                verdict = v;
                note = note(r.alloc(), String.valueOf(ZERO_ALLOC_TOLERANCE));
            }
        }
        return new TargetResult(name, requirement, measured.toString(), verdict,
                verdict == TargetResult.Verdict.INCONCLUSIVE ? note : "");
    }

    private static TargetResult echoThroughput(EchoSummary e, EchoSummary netty) {
        String name = e.target() + " echo throughput";
        String requirement = ">= 1.00 x the Netty echo reference (same load)";
        if (!e.ok()) {
            return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED, e.failure());
        }
        if (netty == null || !netty.ok()) {
            return new TargetResult(name, requirement, msgs(e), TargetResult.Verdict.NOT_MEASURED,
                    "the Netty reference did not run" + (netty == null ? "" : ": " + netty.failure()));
        }
        Estimate r = Bootstrap.ratio(List.of(e.msgPerSecRounds()), List.of(netty.msgPerSecRounds()));
        return new TargetResult(name, requirement, String.format("%s / Netty %s = %s", msgs(e), msgs(netty),
                r.formatRatio()), r.atLeast(1.0), note(r, "1.00"));
    }

    private static TargetResult echoAllocation(EchoSummary e) {
        String name = e.target() + " echo allocation";
        String requirement = "<= 1 byte allocated per echoed message (server event loops)";
        if (!e.ok() || !e.bytesPerMessage().measured()) {
            return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED,
                    e.failure() != null ? e.failure() : "the server reported no allocation figures");
        }
        Estimate b = e.bytesPerMessage();
        return new TargetResult(name, requirement, String.format("%s B/msg (%d rounds)", b.format(), b.n()),
                b.atMost(1.0), note(b, "1"));
    }

    /** Why a verdict is INCONCLUSIVE, or nothing. */
    private static String note(Estimate e, String limit) {
        if (!e.hasInterval()) {
            return "one sample: no interval, so no verdict";
        }
        if (e.low() <= Double.parseDouble(limit) && e.high() >= Double.parseDouble(limit)) {
            return "the interval straddles " + limit + ": more forks or rounds, or a quieter machine, may decide";
        }
        return "";
    }

    private static TargetResult notMeasured(String name, String requirement, Optional<JmhRow> row, String subject) {
        String why = row.isEmpty() ? "no '" + subject + "' row: backend not on the bench class path or case not run"
                : row.get().ok() ? "'" + subject + "' has no allocation figure (-prof gc)"
                : "the run failed: " + row.get().failure();
        return new TargetResult(name, requirement, "-", TargetResult.Verdict.NOT_MEASURED, why);
    }

    static String msgs(EchoSummary e) {
        return e.msgPerSec().format() + " msg/s";
    }
}
