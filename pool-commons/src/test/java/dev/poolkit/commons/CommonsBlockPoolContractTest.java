package dev.poolkit.commons;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class CommonsBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new CommonsBackend();
    }
}
