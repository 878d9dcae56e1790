package dev.poolkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmTest {

    @Test
    void theCurrentJvmKnowsItsFeatureVersion() {
        Jvm j = Jvm.current();
        assertThat(j.featureVersion()).isEqualTo(Runtime.version().feature());
        assertThat(j.isCurrent()).isTrue();
        assertThat(j.flags()).isEmpty();
    }

    @Test
    void aJdkHomeIsFoundAndItsVersionReadWithoutStartingIt() {
        Jvm j = Jvm.at(Path.of(System.getProperty("java.home")));
        assertThat(j.featureVersion()).isEqualTo(Runtime.version().feature());
        assertThat(j.java().getFileName().toString()).isEqualTo("java");
        assertThat(j.isCurrent()).isTrue();
        assertThat(j.describe()).contains(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void aPathWithoutJavaIsRefusedNamingIt() {
        assertThatThrownBy(() -> Jvm.at(Path.of("/no/such/jdk"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--java /no/such/jdk").hasMessageContaining("no java executable");
    }

    @Test
    void collectorNamesBecomeTheirFlagsAndZgcIsGenerationalWhereThereIsAChoice() {
        assertThat(Jvm.gcFlags("g1", 17)).containsExactly("-XX:+UseG1GC");
        assertThat(Jvm.gcFlags("Parallel", 25)).containsExactly("-XX:+UseParallelGC");
        assertThat(Jvm.gcFlags("ZGC", 21)).containsExactly("-XX:+UseZGC", "-XX:+ZGenerational");
        assertThat(Jvm.gcFlags("ZGC", 25)).containsExactly("-XX:+UseZGC");
        assertThat(Jvm.gcFlags(" -XX:+UseZGC  -Xmx2g", 25)).containsExactly("-XX:+UseZGC", "-Xmx2g");
        assertThatThrownBy(() -> Jvm.gcFlags("CMS", 17)).hasMessageContaining("--gc: unknown collector 'CMS'");
    }

    @Test
    void aChosenCollectorReplacesTheBenchDefaultAndKeepsEverythingElse() {
        Jvm z = Jvm.current().withGc("ZGC");
        List<String> expected = new java.util.ArrayList<>(List.of("-Xms512m", "-Dx=1"));
        expected.addAll(z.flags());
        assertThat(z.args(List.of("-Xms512m", "-XX:+UseG1GC", "-Dx=1"))).isEqualTo(expected);
        Jvm noGc = Jvm.current().withGc("-Xmx1g");
        assertThat(noGc.args(List.of("-XX:+UseG1GC"))).containsExactly("-XX:+UseG1GC", "-Xmx1g");
        assertThat(z.label()).isEqualTo("JDK " + Runtime.version().feature() + " ZGC");
        assertThat(z.slug()).isEqualTo("jdk" + Runtime.version().feature() + "-zgc");
    }

    @Test
    void aReportsDescriptionGivesBackTheJvm() {
        Jvm zgc = Jvm.fromDescription("JDK 25 ZGC /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseZGC").orElseThrow();
        assertThat(zgc.featureVersion()).isEqualTo(25);
        assertThat(zgc.gc()).isEqualTo("ZGC");
        assertThat(zgc.java()).isEqualTo(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        assertThat(zgc.flags()).containsExactly("-XX:+UseZGC");
        assertThat(zgc.slug()).isEqualTo("jdk25-zgc");
        Jvm plain = Jvm.fromDescription("JDK 17 /usr/bin/java").orElseThrow();
        assertThat(plain.gc()).isEmpty();
        assertThat(plain.flags()).isEmpty();
        assertThat(Jvm.fromDescription("this JVM")).isEmpty();
        assertThat(Jvm.fromDescription(null)).isEmpty();
    }
}
