package dev.poolkit.internal;

import dev.poolkit.api.Block;
import dev.poolkit.api.contract.ModelChecks;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Model-checks the atomic steps of {@link BlockHomes}: claiming the block of one slot and ending a
 * homed block's lease, against two plain free-or-in-use flags: every interleaving the checker
 * reaches must give results some sequential order of the same calls could give (no block claimed
 * twice, no lease ended twice, none lost). The probes and the scan repeat the one-slot claim and are
 * not atomic as a whole, by design (see the class comment).
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:1")
public class BlockHomesModelCheckTest {
    private final BlockHomes homes = new BlockHomes(2);
    private final Block[] blocks = {BlockHomesTest.block(0), BlockHomesTest.block(1)};

    public BlockHomesModelCheckTest() {
        homes.adopt(0, blocks[0]);
        homes.adopt(1, blocks[1]);
    }

    @Operation
    public boolean claim(@Param(name = "slot") int slot) {
        return homes.claimAt(slot) != null;
    }

    @Operation
    public boolean release(@Param(name = "slot") int slot) {
        return Blocks.access().endLease(blocks[slot]);
    }

    @Test
    void claimAndReleaseAreLinearizable() {
        new ModelCheckingOptions().iterations(ModelChecks.ITERATIONS).invocationsPerIteration(ModelChecks.INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(1)
                .sequentialSpecification(TwoFlags.class).check(getClass());
    }

    /** The specification: two blocks, each free or in use. */
    public static final class TwoFlags {
        private final boolean[] inUse = new boolean[2];

        public boolean claim(int slot) {
            if (inUse[slot]) {
                return false;
            }
            inUse[slot] = true;
            return true;
        }

        public boolean release(int slot) {
            if (!inUse[slot]) {
                return false;
            }
            inUse[slot] = false;
            return true;
        }
    }
}
