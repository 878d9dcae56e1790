package dev.poolkit.api.local;

import dev.poolkit.api.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class LocalObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new LocalBackend();
    }
}
