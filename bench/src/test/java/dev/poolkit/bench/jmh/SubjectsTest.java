package dev.poolkit.bench.jmh;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every benchmark row works (no timing here): it hands out what it should and takes it back. */
class SubjectsTest {

    static List<String> blockRows() {
        return BlockSubjects.names();
    }

    static List<String> objectRows() {
        return ObjectSubjects.names();
    }

    @ParameterizedTest
    @MethodSource("blockRows")
    void everyBufferRowHandsOutBuffersOfTheBlockSizeAndTakesThemBack(String name) {
        try (Subject s = BlockSubjects.create(name, 4096, 8)) {
            List<Object> held = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 8; i++) { // the whole capacity: a burst as large as the pool
                    Object item = s.acquire();
                    assertThat(capacity(item)).as(name).isEqualTo(4096);
                    held.add(item);
                }
                held.forEach(s::release);
                held.clear();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("objectRows")
    void everyObjectRowHandsOutSessions(String name) {
        try (Subject s = ObjectSubjects.create(name, 4)) {
            for (int i = 0; i < 10; i++) {
                Object o = s.acquire();
                assertThat(o).isInstanceOf(ObjectSubjects.Session.class);
                s.release(o);
            }
        }
    }

    private static int capacity(Object item) {
        if (item instanceof dev.poolkit.api.Block) {
            return ((dev.poolkit.api.Block) item).buffer().capacity();
        }
        if (item instanceof ByteBuffer) {
            return ((ByteBuffer) item).capacity();
        }
        if (item instanceof BlockSubjects.BufferHolder) {
            return ((BlockSubjects.BufferHolder) item).buffer.capacity();
        }
        return ((io.netty.buffer.ByteBuf) item).capacity();
    }
}
