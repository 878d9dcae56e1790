package dev.poolkit.jctools;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.ObjectPoolContract;

class JctoolsObjectPoolContractTest extends ObjectPoolContract {
    @Override
    protected PoolBackend backend() {
        return new JctoolsBackend();
    }
}
