package dev.poolkit.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void theReadmeShowsExactlyTheCompiledExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/poolkit/api/ReadmeExampleTest.java"));
        Matcher m = Pattern.compile("// tag::example\\[]\\n(.*?)\\n\\s*// end::example\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).isTrue();
        String example = dedent(m.group(1));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README.md must show the example from ReadmeExampleTest verbatim").contains(example);
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
