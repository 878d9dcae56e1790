package dev.poolkit.jctools;

import dev.poolkit.api.Pools;
import org.jctools.queues.MessagePassingQueue;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On JDK 24 and later the first use of {@code sun.misc.Unsafe}'s memory-access methods prints a
 * "terminally deprecated method" warning to stderr (JEP 498), and later JDKs will refuse it. A
 * child JVM on JDK 25 creates and uses {@code jctools} block and object pools and must print
 * nothing at all to stderr. Skipped when that JDK is not installed.
 */
class NoUnsafeWarningTest {
    /** Where this project's machines keep JDK 25; -Dpoolkit.jdk25=DIR points elsewhere. */
    private static final Path JDK25 = Path.of(System.getProperty("poolkit.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void aJctoolsPoolPrintsNothingToStderrOnJdk25() throws Exception {
        Path java = JDK25.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + JDK25);
        String classPath = String.join(File.pathSeparator, location(Pools.class), location(JctoolsBackend.class),
                location(MessagePassingQueue.class), location(JctoolsPoolsMain.class));
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, JctoolsPoolsMain.class.getName()).start();
        byte[] err = p.getErrorStream().readAllBytes(); // small: the child writes a line at most
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("jctools block and object pools ok on Java 25");
        assertThat(new String(err, StandardCharsets.UTF_8)).as("stderr of a JDK 25 JVM using jctools pools").isEmpty();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
