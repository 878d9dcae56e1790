package dev.poolkit.bench.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    @Test
    void theCollectorIsReadFromTheBenchmarkJvmsDescription() {
        assertThat(Charts.collector("JDK 25 ZGC /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseZGC")).isEqualTo("ZGC");
        assertThat(Charts.collector("JDK 17 -XX:+UseZGC -Xmx2g /usr/bin/java -XX:+UseZGC -Xmx2g"))
                .isEqualTo("-XX:+UseZGC -Xmx2g");
        assertThat(Charts.collector("JDK 17 /usr/bin/java")).as("no collector named").isEmpty();
        assertThat(Charts.collector("this JVM")).isEmpty();
        assertThat(Charts.collector("")).isEmpty();
        assertThat(Charts.collector(null)).isEmpty();
    }

    @Test
    void chartStampsNameTheCollectorAfterTheJdk() {
        CompareResults r = Fixtures.results();
        String plain = r.environment().stamp();
        CompareResults zgc = new CompareResults(r.environment(), r.command(), r.commit(), r.settings(), r.scheduleSeed(),
                r.backends(), r.rows(), r.echoLoad(), r.jmh(), r.echoRuns(), r.echo(), r.targets(), r.elapsedSeconds(),
                r.loadBefore(), r.loadAfter(), "JDK 17 ZGC /usr/bin/java -XX:+UseZGC", r.latencyVsRate(),
                r.twoLoopRuns(), r.twoLoopEcho());
        String stamped = Charts.stamp(zgc);
        assertThat(stamped).startsWith(plain.substring(0, plain.indexOf(',')) + " ZGC,")
                .endsWith(plain.substring(plain.indexOf(',')));
    }

    @Test
    void theMatrixP99AxisNamesTheRunsFixedRateWindow() {
        CompareResults r = Fixtures.results();
        long window = r.settings().echo().rateMillis();
        assertThat(Charts.matrixP99Axis(r)).contains("one " + window + " ms run per point");
        assertThat(window).as("the fixture's preset").isNotEqualTo(800);
    }
}
