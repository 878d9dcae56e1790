package dev.poolkit.freelist;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class FreeListObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new FreeListBackend();
    }
}
