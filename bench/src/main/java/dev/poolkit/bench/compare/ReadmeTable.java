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
        sb.append(String.format("Measured by `%s` on %s, %s, %s, commit %s.%n%n", r.command(), e.day(), e.jdk(),
                e.cpuWords(), r.commit() == null ? "unknown" : r.commit()));
        Tables t = new Tables("pool", "pair 1 thr (ns)", "pair 2 thr (ns)", "B/op", "echo msg/s", "echo p99 (us)",
                "server B/msg");
        Set<String> rows = new LinkedHashSet<>();
        r.jmh().stream().filter(x -> x.benchmark().equals("BlockPairBenchmark")).forEach(x -> rows.add(x.subject()));
        r.echo().forEach(x -> rows.add(x.target()));
        for (String s : rows) {
            Optional<JmhRow> one = Targets.pair(r.jmh(), s, "pair1Thread").filter(JmhRow::ok);
            Optional<JmhRow> two = Targets.pair(r.jmh(), s, "pair2Threads").filter(JmhRow::ok);
            Optional<EchoSummary> echo = r.echo().stream().filter(x -> x.target().equals(s) && x.ok()).findFirst();
            t.row(s, one.map(x -> x.time().format()).orElse(""), two.map(x -> x.time().format()).orElse(""),
                    one.map(x -> Numbers.num(x.alloc().value())).orElse(""),
                    echo.map(x -> x.msgPerSec().format()).orElse(""),
                    echo.map(x -> Numbers.num(x.p99Us().value())).orElse(""),
                    echo.map(x -> Numbers.num(x.bytesPerMessage().value())).orElse(""));
        }
        sb.append(t.render());
        CompareSettings.Jmh j = r.settings().jmh();
        sb.append(String.format("%nPairs: JMH, 4 KiB blocks, mean [%.0f%% bootstrap interval over %d fork(s) x %d"
                        + " iterations], `(!)` where the interval reaches further from the mean than the mean itself."
                        + " Echo: %s; mean of %d rounds [interval over rounds]; `none` is our server without a pool, `netty` the Netty echo"
                        + " reference (JMH rows `netty-*` are Netty's allocators). Targets: %s (see"
                        + " report/REPORT.md).%n",
                Bootstrap.CONFIDENCE * 100, j.passes(), j.iterations(), r.echoLoad(), r.settings().echo().rounds(),
                ReportWriter.counts(r.targets())));
        return sb.toString();
    }
}
