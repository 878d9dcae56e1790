package dev.poolkit.internal;

import dev.poolkit.api.contract.ModelChecks;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Model-checks {@link Stripes}' {@code take} and {@code give} against two plain one-item slots:
 * every interleaving the checker reaches must give results some sequential order of the same
 * calls could give (no item taken twice, none lost, no give into a full slot).
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:1")
@Param(name = "item", gen = IntGen.class, conf = "1:3")
public class StripesModelCheckTest {
    private final Stripes<Integer> stripes = new Stripes<>(2);

    @Operation
    public Integer take(@Param(name = "slot") int slot) {
        return stripes.take(slot);
    }

    @Operation
    public boolean give(@Param(name = "slot") int slot, @Param(name = "item") int item) {
        return stripes.give(slot, item);
    }

    @Test
    void takeAndGiveAreLinearizable() {
        new ModelCheckingOptions().iterations(ModelChecks.ITERATIONS).invocationsPerIteration(ModelChecks.INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(1)
                .sequentialSpecification(TwoSlots.class).check(getClass());
    }

    /** The specification: two slots, each empty or holding one item. */
    public static final class TwoSlots {
        private final Integer[] slots = new Integer[2];

        public Integer take(int slot) {
            Integer e = slots[slot];
            slots[slot] = null;
            return e;
        }

        public boolean give(int slot, int item) {
            if (slots[slot] != null) {
                return false;
            }
            slots[slot] = item;
            return true;
        }
    }
}
