package dev.poolkit.commons;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.SizeClassPoolContract;

class CommonsSizeClassPoolContractTest extends SizeClassPoolContract {
    @Override
    protected PoolBackend backend() {
        return new CommonsBackend();
    }
}
