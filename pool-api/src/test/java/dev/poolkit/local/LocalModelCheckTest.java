package dev.poolkit.local;

import dev.poolkit.api.contract.BlockPoolModel;
import org.junit.jupiter.api.Test;

/** The block-pool model checks (see {@link BlockPoolModel}) for the {@code local} backend. */
class LocalModelCheckTest {

    @Test
    void tryAcquireAndReleaseAreLinearizable() {
        BlockPoolModel.check(Model.class);
    }

    @Test
    void aRacingDoubleReleaseHasOneWinner() {
        BlockPoolModel.DoubleRelease.check(DoubleRelease.class);
    }

    public static final class Model extends BlockPoolModel {
        public Model() {
            super(new LocalBackend());
        }
    }

    public static final class DoubleRelease extends BlockPoolModel.DoubleRelease {
        public DoubleRelease() {
            super(new LocalBackend());
        }
    }
}
