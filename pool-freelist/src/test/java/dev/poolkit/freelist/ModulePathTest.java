package dev.poolkit.freelist;

import dev.poolkit.api.Pools;
import dev.poolkit.modulepath.ModulePathMain;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries as named modules: a child JVM with pool-api and pool-freelist on the module path
 * (and nothing else) finds both backends through the modules' {@code provides} clauses and uses a
 * pool; the tests themselves run on the class path, so this is the one place the descriptors run.
 */
class ModulePathTest {

    @Test
    void theBackendsWorkAsNamedModules() throws Exception {
        String modulePath = location(Pools.class) + File.pathSeparator + location(FreeListBackend.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", modulePath, "--add-modules", "dev.poolkit.freelist",
                "-cp", location(ModulePathMain.class), ModulePathMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("backends [freelist, local]").contains("freelist pair ok").contains("local pair ok")
                .contains("api module dev.poolkit");
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
