package dev.poolkit.bench.server;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerStatsTest {

    @Test
    void readsOurEchoServersStats() {
        ServerStats s = ServerStats.parse("{\"pool\":\"local\",\"bytesEchoed\":4096,\"messagesEchoed\":1,"
                + "\"poolMisses\":0,\"poolExhaustions\":2,\"poolInUse\":0,\"poolHighWater\":7,"
                + "\"loopAllocatedBytes\":123,\"allocatedBytesPerMessage\":null,\"gcCount\":4,\"gcTimeMs\":9}");

        assertThat(s).isEqualTo(new ServerStats(123, 4096, 1L, 4L, 9L, 7L, 0L, 2L, 0L));
    }

    @Test
    void figuresAServerDoesNotReportAreNull() {
        ServerStats s = ServerStats.parse("{\"loopAllocatedBytes\":5}");
        assertThat(s.gcCount()).isNull();
        assertThat(s.poolHighWater()).isNull();
    }

    @Test
    void statsWithoutAllocationAreRejectedWithTheText() {
        assertThatThrownBy(() -> ServerStats.parse("{\"loopAllocatedBytes\":-1}"))
                .hasMessageContaining("lack loopAllocatedBytes");
        assertThatThrownBy(() -> ServerStats.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ServerStats.parse("{oops")).hasMessageContaining("not JSON");
    }

    @Test
    void theAnnouncedPortIsFoundInBothServersLines() {
        assertThat(port("echo-server listening host=127.0.0.1 port=40123 pool=local threads=1")).isEqualTo(40123);
        assertThat(port("netty-echo listening on 127.0.0.1:39999 (1 event loops)")).isEqualTo(39999);
        assertThat(ServerProcess.PORT.matcher("echo-server stats connections open=0").find()).isFalse();
    }

    private static int port(String line) {
        Matcher m = ServerProcess.PORT.matcher(line);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
