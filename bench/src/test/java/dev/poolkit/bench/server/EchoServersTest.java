package dev.poolkit.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoServersTest {
    private final EchoServers servers = new EchoServers(Path.of("echo.jar"), List.of("-Xmx1g"), 2);

    @Test
    void ourServerKeepsItsDefaultIoModelUnlessOneIsGiven() {
        assertThat(servers.command("local", 4096, 64, Path.of("s.json"))).doesNotContain("--io");
    }

    @Test
    void theIoModelReachesOurServerOnly() {
        EchoServers vt = servers.withIo("virtual-threads");
        List<String> ours = vt.command("local", 4096, 64, Path.of("s.json"));
        assertThat(String.join(" ", ours)).contains("-jar echo.jar --pool local").endsWith("--io virtual-threads");
        assertThat(vt.command(EchoServers.NETTY, 4096, 64, Path.of("s.json"))).doesNotContain("--io");
        assertThat(vt.io()).isEqualTo("virtual-threads");
        assertThat(servers.io()).isNull();
    }
}
