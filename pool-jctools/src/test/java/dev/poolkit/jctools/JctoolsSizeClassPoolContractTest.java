package dev.poolkit.jctools;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.SizeClassPoolContract;

class JctoolsSizeClassPoolContractTest extends SizeClassPoolContract {
    @Override
    protected PoolBackend backend() {
        return new JctoolsBackend();
    }
}
