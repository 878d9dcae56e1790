package dev.poolkit.api.local;

import dev.poolkit.api.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class LocalBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new LocalBackend();
    }
}
