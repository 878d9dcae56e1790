package dev.poolkit.jctools;

import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueuesTest {

    @Test
    void theQueueNeedsNoUnsafeFromJava23On() {
        boolean unsafeDeprecated = Runtime.version().feature() >= 23;
        assertThat(Queues.ATOMIC).isEqualTo(unsafeDeprecated);
        assertThat(Queues.<Object>withRoomFor(4))
                .isInstanceOf(unsafeDeprecated ? MpmcAtomicArrayQueue.class : MpmcArrayQueue.class);
    }

    @Test
    void bothQueuesCountTheirProgressForTheStatistics() {
        // JctoolsObjectPool reads its counters off the queue's indices, whichever queue it is.
        assertThat(new MpmcArrayQueue<>(4)).isInstanceOf(org.jctools.queues.QueueProgressIndicators.class);
        assertThat(new MpmcAtomicArrayQueue<>(4)).isInstanceOf(org.jctools.queues.QueueProgressIndicators.class);
    }
}
