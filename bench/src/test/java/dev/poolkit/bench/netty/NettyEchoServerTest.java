package dev.poolkit.bench.netty;

import dev.poolkit.bench.load.LoadGenerator;
import dev.poolkit.bench.load.LoadResult;
import dev.poolkit.bench.load.LoadSpec;
import dev.poolkit.bench.load.SizeDistribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NettyEchoServerTest {

    @Test
    void echoesEveryByteAndCountsWhatItEchoedAndAllocated() throws Exception {
        try (NettyEchoServer server = new NettyEchoServer("127.0.0.1", 0, 1)) {
            LoadResult r = LoadGenerator.run(LoadSpec.closedLoop(server.port(), 4, SizeDistribution.parse("1-64k"),
                    Duration.ofMillis(50), Duration.ofMillis(400)));

            assertThat(r.errors()).isEmpty();
            assertThat(r.messages()).isPositive();
            assertThat(server.bytesEchoed()).isGreaterThanOrEqualTo(r.bytes());
            assertThat(server.readsEchoed()).isPositive();
            assertThat(server.allocatedBytes()).isPositive();
            assertThat(NettyEchoCommand.statsJson(server)).contains("\"loopAllocatedBytes\":", "\"gcCount\":");
        }
    }
}
