package dev.poolkit.jctools;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.BlockPoolContract;

class JctoolsBlockPoolContractTest extends BlockPoolContract {
    @Override
    protected PoolBackend backend() {
        return new JctoolsBackend();
    }
}
