package dev.poolkit.freelist;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.SizeClassPoolContract;

class FreeListSizeClassPoolContractTest extends SizeClassPoolContract {
    @Override
    protected PoolBackend backend() {
        return new FreeListBackend();
    }
}
