package dev.poolkit.bench.compare;

import dev.poolkit.bench.Environment;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The README's results table, generated from a compare's results; paste it as it is. */
public final class ReadmeTable {
    private ReadmeTable() {
    }

    /**
     * The results table for the README: the buffer pair costs and the echo figures side by side,
     * one row per pool, with the environment beside it. Generated; paste as is.
     */
    public static String of(CompareResults r) {
        Environment e = r.environment();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Measured by `%s` on %s, %s, %d x %s, commit %s.%n%n", r.command(), e.day(), e.jdk(),
                e.cpus(), e.cpu(), r.commit() == null ? "unknown" : r.commit()));
        Tables t = new Tables("pool", "pair 1 thr (ns)", "pair 2 thr (ns)", "B/op", "echo msg/s", "echo p99 (us)",
                "server B/msg");
        Set<String> rows = new LinkedHashSet<>();
        r.jmh().stream().filter(x -> x.benchmark().equals("BlockPairBenchmark")).forEach(x -> rows.add(x.subject()));
        r.echo().forEach(x -> rows.add(x.target()));
        for (String s : rows) {
            Optional<JmhRow> one = Targets.pair(r.jmh(), s, "pair1Thread").filter(JmhRow::ok);
            Optional<JmhRow> two = Targets.pair(r.jmh(), s, "pair2Threads").filter(JmhRow::ok);
            Optional<EchoSummary> echo = r.echo().stream().filter(x -> x.target().equals(s) && x.ok()).findFirst();
            t.row(s, one.map(ReadmeTable::pm).orElse(""), two.map(ReadmeTable::pm).orElse(""),
                    one.map(x -> ReportWriter.num(x.allocPerOp())).orElse(""),
                    echo.map(x -> String.format("%,.0f ± %,.0f", x.msgPerSec(), x.msgPerSecError())).orElse(""),
                    echo.map(x -> ReportWriter.num(x.p99Us())).orElse(""), echo.map(x -> ReportWriter.num(x.bytesPerMessage())).orElse(""));
        }
        sb.append(t.render());
        sb.append(String.format("%nPairs: JMH, 4 KiB blocks, median ± 99.9%% CI. Echo: %s; median of %d rounds ± half"
                        + " the spread; `none` is our server without a pool, `netty` the Netty NIO reference. Targets: "
                        + "%d met, %d missed, %d not measured (see report/REPORT.md).%n", r.echoLoad(),
                r.settings().echo().rounds(),
                r.targets().stream().filter(x -> x.verdict() == TargetResult.Verdict.MET).count(),
                r.targets().stream().filter(x -> x.verdict() == TargetResult.Verdict.MISSED).count(),
                r.targets().stream().filter(x -> x.verdict() == TargetResult.Verdict.NOT_MEASURED).count()));
        return sb.toString();
    }

    private static String pm(JmhRow x) {
        return ReportWriter.num(x.median()) + " ± " + (Double.isNaN(x.error()) ? "?" : ReportWriter.num(x.error()));
    }
}
