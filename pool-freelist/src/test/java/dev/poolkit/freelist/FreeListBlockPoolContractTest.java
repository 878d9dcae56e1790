package dev.poolkit.freelist;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class FreeListBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new FreeListBackend();
    }
}
