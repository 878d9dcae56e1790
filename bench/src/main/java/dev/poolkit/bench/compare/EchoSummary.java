package dev.poolkit.bench.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One echo target over all rounds: medians, with the spread (min and max over rounds) as the
 * error, because a handful of rounds is too few for a confidence interval to mean much.
 */
public record EchoSummary(String target, int rounds, int failedRounds, double msgPerSec, double msgPerSecMin,
                          double msgPerSecMax, double mbPerSec, double p50Us, double p99Us, double p999Us,
                          double maxUs, long errors, double bytesPerMessage, double gcCount, double gcTimeMs,
                          Long poolHighWater, Long poolMisses, Long poolExhaustions, String failure) {

    /** Half the min-max spread over rounds: the "±" printed beside the median. */
    public double msgPerSecError() {
        return (msgPerSecMax - msgPerSecMin) / 2;
    }

    public boolean ok() {
        return rounds > failedRounds;
    }

    static EchoSummary of(String target, List<EchoRun> runs) {
        List<EchoRun> good = runs.stream().filter(r -> r.failure() == null && r.load() != null).toList();
        String failure = runs.stream().map(EchoRun::failure).filter(Objects::nonNull).findFirst().orElse(null);
        if (good.isEmpty()) {
            return new EchoSummary(target, runs.size(), runs.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, null, null,
                    null, failure);
        }
        List<EchoRun> withServer = good.stream().filter(r -> r.server() != null).toList();
        return new EchoSummary(target, runs.size(), runs.size() - good.size(),
                median(good, r -> r.load().messagesPerSecond()), min(good, r -> r.load().messagesPerSecond()),
                max(good, r -> r.load().messagesPerSecond()), median(good, r -> r.load().megabytesPerSecond()),
                median(good, r -> r.load().latency().p50Us()), median(good, r -> r.load().latency().p99Us()),
                median(good, r -> r.load().latency().p999Us()), max(good, r -> r.load().latency().maxUs()),
                good.stream().mapToLong(r -> r.load().errorCount()).sum(),
                median(withServer, EchoRun::bytesPerMessage),
                median(withServer.stream().filter(r -> r.server().gcCount() != null).toList(),
                        r -> r.server().gcCount()),
                median(withServer.stream().filter(r -> r.server().gcTimeMs() != null).toList(),
                        r -> r.server().gcTimeMs()),
                maxOf(withServer, r -> r.server().poolHighWater()), maxOf(withServer, r -> r.server().poolMisses()),
                maxOf(withServer, r -> r.server().poolExhaustions()), failure);
    }

    static double median(List<EchoRun> runs, ToDoubleFunction<EchoRun> f) {
        List<Double> v = new ArrayList<>();
        runs.forEach(r -> v.add(f.applyAsDouble(r)));
        return median(v);
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double min(List<EchoRun> runs, ToDoubleFunction<EchoRun> f) {
        return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<EchoRun> runs, ToDoubleFunction<EchoRun> f) {
        return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static Long maxOf(List<EchoRun> runs, java.util.function.Function<EchoRun, Long> f) {
        return runs.stream().map(f).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }
}
