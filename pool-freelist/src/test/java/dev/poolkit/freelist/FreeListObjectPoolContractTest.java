package dev.poolkit.freelist;

import dev.poolkit.api.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class FreeListObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new FreeListBackend();
    }
}
