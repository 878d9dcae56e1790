package dev.poolkit.internal;

import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MpmcRingTest {

    @ParameterizedTest
    @CsvSource({"0,2", "1,2", "2,2", "3,4", "4,4", "5,8", "1000,1024", "1024,1024"})
    void capacityIsTheNextPowerOfTwo(int asked, int expected) {
        assertThat(new MpmcRing<Integer>(asked).capacity()).isEqualTo(expected);
    }

    @Test
    void fifoUntilFullThenRefusesThenDrains() {
        MpmcRing<Integer> ring = new MpmcRing<>(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(i)).isTrue();
        }
        assertThat(ring.offer(99)).as("full").isFalse();
        assertThat(ring.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.poll()).isEqualTo(i);
        }
        assertThat(ring.poll()).as("empty").isNull();
        assertThat(ring.size()).isZero();
    }

    @Test
    void theSmallestRingNeverOverwritesAnUntakenItem() {
        MpmcRing<Integer> ring = new MpmcRing<>(1);
        assertThat(ring.offer(1)).isTrue();
        assertThat(ring.offer(2)).isTrue();
        assertThat(ring.offer(3)).as("full").isFalse();
        assertThat(ring.poll()).isEqualTo(1);
        assertThat(ring.poll()).isEqualTo(2);
        assertThat(ring.poll()).isNull();
    }

    @Test
    void wrapsAroundManyLaps() {
        MpmcRing<Integer> ring = new MpmcRing<>(2);
        for (int i = 0; i < 10_000; i++) {
            assertThat(ring.offer(i)).isTrue();
            assertThat(ring.poll()).isEqualTo(i);
        }
    }

    /** Producers and consumers race; every item must come out exactly once. */
    @Test
    void concurrentProducersAndConsumersLoseAndDuplicateNothing() {
        int perProducer = 200_000;
        int producers = 2;
        MpmcRing<Integer> ring = new MpmcRing<>(64);
        AtomicIntegerArray seen = new AtomicIntegerArray(perProducer * producers);
        AtomicLong taken = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        long total = (long) perProducer * producers;
        TestThreads.runAll(4, id -> {
            if (id < producers) {
                for (int i = 0; i < perProducer; i++) {
                    Integer item = id * perProducer + i;
                    for (int spins = 0; !ring.offer(item); spins++) {
                        TestThreads.spinOrYield(spins); // yield: on virtual threads the consumers need a carrier
                    }
                }
            } else {
                int spins = 0;
                while (taken.get() < total) {
                    Integer item = ring.poll();
                    if (item == null) {
                        TestThreads.spinOrYield(spins++);
                        continue;
                    }
                    spins = 0;
                    if (seen.getAndIncrement(item) != 0) {
                        duplicates.incrementAndGet();
                    }
                    taken.incrementAndGet();
                }
            }
        });
        assertThat(duplicates.get()).isZero();
        assertThat(taken.get()).isEqualTo(total);
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("item %d", i).isEqualTo(1);
        }
    }
}
