package dev.poolkit.freelist;

import dev.poolkit.api.contract.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The free list's mutex on its own: exclusion under a race, the parked path, and misuse. */
class SpinThenParkLockTest {
    private static final int THREADS = 4;
    private static final int SECTIONS = 50_000;

    /** Plain fields, guarded by the lock: a lost update or an overlap shows as a wrong count. */
    private long counter;
    private int inside;

    @Test
    void excludesEveryOtherThreadWhileHeld() {
        SpinThenParkLock lock = new SpinThenParkLock();
        AtomicInteger overlaps = new AtomicInteger();
        TestThreads.runAll(THREADS, id -> {
            for (int i = 0; i < SECTIONS; i++) {
                lock.lock();
                try {
                    if (++inside != 1) {
                        overlaps.incrementAndGet();
                    }
                    counter++;
                    inside--;
                } finally {
                    lock.unlock();
                }
                TestThreads.letOthersRun(i);
            }
        });
        assertThat(overlaps).hasValue(0);
        assertThat(counter).isEqualTo((long) THREADS * SECTIONS);
        assertThat(lock.isHeldExclusively()).isFalse();
    }

    @Test
    void aThreadThatParkedIsWokenByTheUnlock() {
        SpinThenParkLock lock = new SpinThenParkLock();
        lock.lock();
        AtomicInteger entered = new AtomicInteger();
        Thread waiter = TestThreads.newThread(() -> {
            lock.lock();
            entered.incrementAndGet();
            lock.unlock();
        }, "lock-waiter");
        waiter.start();
        // Past its spins it queues and parks: the lock's own queue shows it.
        TestThreads.awaitParked(waiter);
        assertThat(lock.hasQueuedThreads()).isTrue();
        assertThat(entered).hasValue(0);
        lock.unlock();
        TestThreads.join(waiter);
        assertThat(entered).hasValue(1);
        assertThat(lock.isHeldExclusively()).isFalse();
    }

    @Test
    void anUnlockOfAFreeLockIsRefusedAndLeavesItUsable() {
        SpinThenParkLock lock = new SpinThenParkLock();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("released while free");
        lock.lock();
        assertThat(lock.isHeldExclusively()).isTrue();
        lock.unlock();
        assertThat(lock.isHeldExclusively()).isFalse();
    }
}
