package dev.poolkit.local;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class LocalObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new LocalBackend();
    }
}
