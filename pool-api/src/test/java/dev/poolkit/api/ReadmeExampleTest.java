package dev.poolkit.api;

import dev.poolkit.api.contract.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example, compiled and run, and checked to be the very text the README shows. */
class ReadmeExampleTest {

    @Test
    void theExampleRunsAndWritesItsBytes() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        // tag::example[]
        BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder()
                .blockSize(4096).capacity(256)
                .exhaustion(ExhaustionPolicy.await(Duration.ofMillis(50))).build());
        Block block = pool.acquire();
        try {
            ByteBuffer buf = block.buffer();   // position 0, limit 4096, 64-byte aligned
            buf.put("hello".getBytes(StandardCharsets.US_ASCII)).flip();
            channel.write(buf);
        } finally {
            pool.release(block);               // exactly once, even when the write fails
        }
        // end::example[]
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(pool.stats().acquires()).isEqualTo(1);
        assertThat(pool.stats().inUse()).isZero();
        pool.close();
    }

    @Test
    void theTapExampleServesItsThread() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        BlockPool pool = Pools.blockPool("local", BlockPoolConfig.builder().blockSize(4096).capacity(256).build());
        // tag::tap[]
        BlockTap tap = pool.tap();             // on the event loop's own thread, once
        for (int i = 0; i < 3; i++) {
            Block block = tap.acquire();
            try {
                channel.write(block.buffer().put((byte) '0').flip());
            } finally {
                tap.release(block);
            }
        }
        // end::tap[]
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("000");
        assertThat(pool.stats().acquires()).isEqualTo(3);
        assertThat(pool.stats().inUse()).isZero();
        pool.close();
    }

    @Test
    void theObjectExampleReusesTheResetBuilder() {
        // tag::objects[]
        ObjectPool<StringBuilder> builders = Pools.objectPool("local",
                ObjectPoolConfig.builder(StringBuilder::new).reset(sb -> sb.setLength(0)).build());
        StringBuilder sb = builders.acquire();
        try {
            sb.append("hello");
        } finally {
            builders.release(sb);              // reset, then kept for the next acquire
        }
        // end::objects[]
        StringBuilder again = builders.acquire();
        assertThat(again).isSameAs(sb);
        assertThat(again.length()).as("reset on release").isZero();
        builders.release(again);
        builders.close();
    }

    @Test
    void theSizeClassExampleServesTheSmallestClassThatFits() {
        byte[] payload = new byte[3000];
        // tag::sizes[]
        SizeClassPool pool = SizeClassPool.builder().backend("local")
                .sizeClass(64, 256).sizeClass(4096, 64).sizeClass(65536, 16)
                .exhaustion(ExhaustionPolicy.unpooled()).build();
        Block block = pool.acquire(3000);      // a 4096-byte block
        try {
            block.buffer().put(payload);
        } finally {
            pool.release(block);
        }
        // end::sizes[]
        assertThat(block.buffer().capacity()).isEqualTo(4096);
        assertThat(pool.stats().classes().get(1).stats().acquires()).isEqualTo(1);
        assertThat(pool.stats().total().inUse()).isZero();
        pool.close();
    }

    @Test
    void theReadmeShowsExactlyTheCompiledExamples() {
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/api/ReadmeExampleTest.java", "example");
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/api/ReadmeExampleTest.java", "objects");
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/api/ReadmeExampleTest.java", "tap");
        ReadmeSnippets.assertReadmeShows("src/test/java/dev/poolkit/api/ReadmeExampleTest.java", "sizes");
    }
}
