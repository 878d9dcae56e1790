package dev.poolkit.bench.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Poolkit rows call a tap made on each benchmark thread, as the docs advise; the no-tap row the pool. */
    @Test
    void poolkitRowsGiveEachThreadItsOwnTapAndTheNoTapRowNone() throws Exception {
        try (Subject s = BlockSubjects.create("local", 4096, 64);
             Subject noTap = BlockSubjects.create(BlockSubjects.LOCAL_NO_TAP, 4096, 64)) {
            ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                Subject mine = s.forThread();
                Subject theirs = two.submit(s::forThread).get();
                assertThat(mine).isNotSameAs(theirs).isNotSameAs(s);
                Object held = mine.acquire();
                // The lane is a tap of this thread: another thread is refused, so no lane is shared.
                Future<?> misuse = two.submit(() -> mine.release(held));
                assertThatThrownBy(misuse::get).hasCauseInstanceOf(dev.poolkit.api.ForeignThreadException.class);
                mine.release(held);
            } finally {
                two.shutdownNow();
            }
            assertThat(noTap.forThread()).isSameAs(noTap);
        }
    }

    /** A floor row refuses what its backend refuses, or its figure would not be the floor of that design. */
    @ParameterizedTest
    @ValueSource(strings = {BlockSubjects.RAW_JCTOOLS_REFUSING, BlockSubjects.RAW_LOCAL_REFUSING})
    void theRefusingTwinRefusesADoubleReleaseAndKeepsTheBufferOut(String row) {
        try (Subject base = BlockSubjects.create(row, 64, 2)) {
            Subject s = base.forThread();
            Object a = s.acquire();
            s.release(a);
            assertThatThrownBy(() -> s.release(a)).hasMessageContaining("double release");
            // Had the second release been taken, the buffer would be in the free set twice: three
            // acquires from a capacity of two would then succeed, one buffer twice.
            Object b = s.acquire();
            Object c = s.acquire();
            assertThat(List.of(b, c)).as("two distinct buffers, none handed out twice").doesNotHaveDuplicates();
            assertThatThrownBy(s::acquire).as("the capacity is two").hasMessageContaining("sized wrong");
            s.release(b);
            s.release(c);
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
        if (item instanceof RawBlocks.Leased) {
            return ((RawBlocks.Leased) item).buffer.capacity();
        }
        if (item instanceof StormpotBlocks.BufferHolder) {
            return ((StormpotBlocks.BufferHolder) item).buffer.capacity();
        }
        return ((io.netty.buffer.ByteBuf) item).capacity();
    }
}
