package dev.poolkit.bench.compare;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One echo target over all rounds: the mean of the rounds' figures, each with its bootstrap
 * interval over the rounds ({@link Bootstrap}); a handful of rounds gives a wide interval, which
 * is the honest answer.
 *
 * @param msgPerSecRounds every good round's throughput, for ratios between targets
 * @param maxUs           the largest latency of any round
 */
public record EchoSummary(String target, int rounds, int failedRounds, List<Double> msgPerSecRounds,
                          Estimate msgPerSec, Estimate mbPerSec, Estimate p50Us, Estimate p99Us, Estimate p999Us,
                          double maxUs, long errors, Estimate bytesPerMessage, Estimate gcCount, Estimate gcTimeMs,
                          Long poolHighWater, Long poolMisses, Long poolExhaustions, String failure) {

    public boolean ok() {
        return rounds > failedRounds;
    }

    static EchoSummary of(String target, List<EchoRun> runs) {
        List<EchoRun> good = runs.stream().filter(r -> r.failure() == null && r.load() != null).toList();
        String failure = runs.stream().map(EchoRun::failure).filter(Objects::nonNull).findFirst().orElse(null);
        List<EchoRun> withServer = good.stream().filter(r -> r.server() != null).toList();
        return new EchoSummary(target, runs.size(), runs.size() - good.size(),
                good.stream().map(r -> r.load().messagesPerSecond()).toList(),
                mean(good, r -> r.load().messagesPerSecond()), mean(good, r -> r.load().megabytesPerSecond()),
                mean(good, r -> r.load().latency().p50Us()), mean(good, r -> r.load().latency().p99Us()),
                mean(good, r -> r.load().latency().p999Us()),
                good.stream().mapToDouble(r -> r.load().latency().maxUs()).max().orElse(Double.NaN),
                good.stream().mapToLong(r -> r.load().errorCount()).sum(),
                mean(withServer, EchoRun::bytesPerMessage),
                mean(withServer.stream().filter(r -> r.server().gcCount() != null).toList(), r -> r.server().gcCount()),
                mean(withServer.stream().filter(r -> r.server().gcTimeMs() != null).toList(),
                        r -> r.server().gcTimeMs()),
                maxOf(withServer, r -> r.server().poolHighWater()), maxOf(withServer, r -> r.server().poolMisses()),
                maxOf(withServer, r -> r.server().poolExhaustions()), failure);
    }

    /** The mean over rounds with its interval: the rounds are one group of independent samples. */
    static Estimate mean(List<EchoRun> runs, ToDoubleFunction<EchoRun> f) {
        return Bootstrap.mean(List.of(runs.stream().map(r -> f.applyAsDouble(r)).toList()));
    }

    private static Long maxOf(List<EchoRun> runs, java.util.function.Function<EchoRun, Long> f) {
        return runs.stream().map(f).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }
}
