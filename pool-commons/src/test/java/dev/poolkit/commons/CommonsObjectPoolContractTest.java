package dev.poolkit.commons;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class CommonsObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new CommonsBackend();
    }
}
