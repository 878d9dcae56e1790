package dev.poolkit.internal;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import dev.poolkit.api.contract.ModelChecks;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

/**
 * Model-checks {@link MpmcRing} against a bounded FIFO queue: the checker runs small concurrent
 * scenarios under every interleaving it can reach (not just the ones a stress test happens to hit)
 * and fails on any result no sequential order of the same operations could give.
 */
@Param(name = "item", gen = IntGen.class, conf = "1:3")
public class MpmcRingModelCheckTest {
    /** Two slots: the smallest ring, where producers and consumers meet on the same slots at once. */
    private final MpmcRing<Integer> ring = new MpmcRing<>(2);

    @Operation
    public boolean offer(@Param(name = "item") int item) {
        return ring.offer(item);
    }

    @Operation
    public Integer poll() {
        return ring.poll();
    }

    @Test
    void isLinearizable() {
        new ModelCheckingOptions().iterations(ModelChecks.ITERATIONS).invocationsPerIteration(ModelChecks.INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(1)
                .sequentialSpecification(BoundedFifo.class).check(getClass());
    }

    /** The specification: a FIFO queue that refuses an offer when it holds two items. */
    public static final class BoundedFifo {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();

        public boolean offer(int item) {
            if (items.size() == 2) {
                return false;
            }
            return items.add(item);
        }

        public Integer poll() {
            return items.poll();
        }
    }
}
