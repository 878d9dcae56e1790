package dev.poolkit.commons;

import dev.poolkit.api.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class CommonsBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new CommonsBackend();
    }
}
