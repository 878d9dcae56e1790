package dev.poolkit.freelist;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

/** The lock kind not registered by default stays correct too, so the benchmark compares two correct pools. */
class FreeListOtherLockContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new FreeListBackend(LockKind.DEFAULT == LockKind.SYNCHRONIZED
                ? LockKind.REENTRANT_LOCK : LockKind.SYNCHRONIZED);
    }
}
