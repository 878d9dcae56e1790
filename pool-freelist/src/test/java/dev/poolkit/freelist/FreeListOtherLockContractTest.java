package dev.poolkit.freelist;

import dev.poolkit.api.contract.BlockPoolContract;
import dev.poolkit.spi.PoolBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lock kinds not registered by default stay correct too, so the benchmark compares correct
 * pools (the default one is {@link FreeListBlockPoolContractTest}'s).
 */
class FreeListOtherLockContractTest {

    private static void notTheDefault(LockKind kind) {
        assumeTrue(kind != LockKind.DEFAULT, kind + " is the default, tested by FreeListBlockPoolContractTest");
    }

    @Nested
    class Synchronized extends BlockPoolContract {
        @BeforeEach
        void skipTheDefault() {
            notTheDefault(LockKind.SYNCHRONIZED);
        }

        @Override
        protected PoolBackend backend() {
            return new FreeListBackend(LockKind.SYNCHRONIZED);
        }
    }

    @Nested
    class ReentrantLock extends BlockPoolContract {
        @BeforeEach
        void skipTheDefault() {
            notTheDefault(LockKind.REENTRANT_LOCK);
        }

        @Override
        protected PoolBackend backend() {
            return new FreeListBackend(LockKind.REENTRANT_LOCK);
        }
    }

    @Nested
    class SpinThenPark extends BlockPoolContract {
        @BeforeEach
        void skipTheDefault() {
            notTheDefault(LockKind.SPIN_THEN_PARK);
        }

        @Override
        protected PoolBackend backend() {
            return new FreeListBackend(LockKind.SPIN_THEN_PARK);
        }
    }
}
