package dev.poolkit.internal;

import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripesTest {

    @Test
    void slotCountsArePowersOfTwoPerCoreAndSpareSmallPools() {
        // (capacity, cores)
        assertThat(Stripes.countFor(1024, 2)).isEqualTo(8);
        assertThat(Stripes.countFor(1 << 20, 64)).as("at most 128").isEqualTo(128);
        assertThat(Stripes.countFor(1 << 20, 3)).isEqualTo(16);
        assertThat(Stripes.countFor(16, 2)).as("one slot per 8 blocks at most").isEqualTo(2);
        assertThat(Stripes.countFor(15, 2)).isEqualTo(1);
        assertThat(Stripes.countFor(7, 2)).as("too small to spare a slot").isZero();
        for (int capacity : new int[] {1, 8, 100, 1000, 4096, 1 << 20}) {
            for (int cores : new int[] {1, 2, 7, 64, 1024}) {
                int n = Stripes.countFor(capacity, cores);
                assertThat(n == 0 || Integer.bitCount(n) == 1).as("%d blocks, %d cores: %d", capacity, cores, n).isTrue();
                assertThat(n * 8).isLessThanOrEqualTo(Math.max(8, capacity));
            }
        }
    }

    @Test
    void refusesASlotCountThatIsNoPowerOfTwo() {
        assertThatThrownBy(() -> new Stripes<>(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> new Stripes<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlotHoldsOneItemAndTakeAnyFindsItFromAnywhere() {
        Stripes<String> s = new Stripes<>(4);
        assertThat(s.take(1)).isNull();
        assertThat(s.give(1, "a")).isTrue();
        assertThat(s.give(1, "b")).as("full").isFalse();
        assertThat(s.give(3, "c")).isTrue();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.take(1)).isEqualTo("a");
        assertThat(s.take(1)).isNull();
        assertThat(s.takeAny()).isEqualTo("c");
        assertThat(s.takeAny()).isNull();
        assertThat(s.size()).isZero();
    }

    @Test
    void threadsMadeOneAfterAnotherLandOnDifferentSlots() {
        Stripes<Object> s = new Stripes<>(8);
        Thread a = new Thread(() -> { });
        Thread b = new Thread(() -> { });
        assertThat(s.slotOf(a)).isNotEqualTo(s.slotOf(b));
        assertThat(s.slotOf(a)).isBetween(0, 7);
    }

    /**
     * Threads give and take tokens on two slots and on any slot; each token is held by at most one
     * thread at a time, and at the end every token is in a slot or held: none lost, none doubled.
     */
    @Test
    void underRacesNoItemIsTakenTwiceOrLost() {
        Stripes<Integer> s = new Stripes<>(2);
        int tokens = 2;
        for (int i = 0; i < tokens; i++) {
            assertThat(s.give(i, i)).isTrue();
        }
        AtomicIntegerArray holders = new AtomicIntegerArray(tokens);
        AtomicLong violations = new AtomicLong();
        int threads = 4;
        int ops = 20_000;
        TestThreads.runAll(threads, id -> {
            for (int i = 0; i < ops; i++) {
                Integer t = (i & 3) == 0 ? s.takeAny() : s.take((id + i) & 1);
                if (t == null) {
                    continue;
                }
                if (!holders.compareAndSet(t, 0, id + 1)) {
                    violations.incrementAndGet(); // handed to two threads at once
                }
                holders.set(t, 0);
                // Two slots, two tokens, one of them here: a slot is free, though another thread
                // may move the other token between the two while this one looks.
                int slot = (id + i + 1) & 1;
                for (int tries = 0; !s.give(slot, t); tries++) {
                    slot ^= 1;
                    TestThreads.spinOrYield(tries);
                }
            }
        });
        assertThat(violations.get()).isZero();
        assertThat(s.size()).as("every token back in a slot").isEqualTo(tokens);
        assertThat(s.takeAny() + s.takeAny()).isEqualTo(0 + 1);
    }
}
