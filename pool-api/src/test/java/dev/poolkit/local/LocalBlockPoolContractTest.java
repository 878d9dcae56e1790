package dev.poolkit.local;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class LocalBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new LocalBackend();
    }
}
