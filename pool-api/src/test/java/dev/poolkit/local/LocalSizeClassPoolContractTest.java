package dev.poolkit.local;

import dev.poolkit.spi.PoolBackend;
import dev.poolkit.api.contract.SizeClassPoolContract;

class LocalSizeClassPoolContractTest extends SizeClassPoolContract {
    @Override
    protected PoolBackend backend() {
        return new LocalBackend();
    }
}
