package dev.poolkit.bench.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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
            Subject lane = s.forThread();
            List<Object> held = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 8; i++) { // the whole capacity: a burst as large as the pool
                    Object item = lane.acquire();
                    assertThat(capacity(item)).as(name).isEqualTo(4096);
                    held.add(item);
                }
                held.forEach(lane::release);
                held.clear();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("objectRows")
    void everyObjectRowHandsOutSessions(String name) {
        try (Subject s = ObjectSubjects.create(name, 4)) {
            Subject lane = s.forThread();
            for (int i = 0; i < 10; i++) {
                Object o = lane.acquire();
                assertThat(o).isInstanceOf(ObjectSubjects.Session.class);
                lane.release(o);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("blockRows")
    void everyBufferRowSaysHowItIsConfigured(String name) {
        assertThat(BlockSubjects.configuration(name)).as(name).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("objectRows")
    void everyObjectRowSaysHowItIsConfigured(String name) {
        assertThat(ObjectSubjects.configuration(name)).as(name).isNotBlank();
    }

    /** Stormpot's taps are per thread; two threads each get their own, and both work against one pool. */
    @Test
    void stormpotGivesEachThreadItsOwnTapAndTheClaimRowNone() throws Exception {
        try (Subject s = BlockSubjects.create(BlockSubjects.STORMPOT_NEVER, 4096, 4);
             Subject claim = BlockSubjects.create(BlockSubjects.STORMPOT_CLAIM, 4096, 4)) {
            ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                Future<Subject> a = two.submit(s::forThread);
                Future<Subject> b = two.submit(s::forThread);
                assertThat(a.get()).isNotSameAs(b.get()).isNotSameAs(s);
                Object held = a.get().acquire();
                Object other = two.submit(() -> b.get().acquire()).get();
                assertThat(other).isNotSameAs(held);
                a.get().release(held);
                b.get().release(other);
            } finally {
                two.shutdownNow();
            }
            assertThat(claim.forThread()).isSameAs(claim);
        }
    }

    private static int capacity(Object item) {
        if (item instanceof dev.poolkit.api.Block) {
            return ((dev.poolkit.api.Block) item).buffer().capacity();
        }
        if (item instanceof ByteBuffer) {
            return ((ByteBuffer) item).capacity();
        }
        if (item instanceof RawBlocks.RawBlock) {
            return ((RawBlocks.RawBlock) item).buffer.capacity();
        }
        if (item instanceof StormpotBlocks.BufferHolder) {
            return ((StormpotBlocks.BufferHolder) item).buffer.capacity();
        }
        return ((io.netty.buffer.ByteBuf) item).capacity();
    }
}
