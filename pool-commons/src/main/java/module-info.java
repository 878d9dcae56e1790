/** The {@code commons} backend: Apache Commons Pool 2 behind the Poolkit contract. */
module dev.poolkit.commons {
    requires transitive dev.poolkit;
    requires transitive org.apache.commons.pool2;

    exports dev.poolkit.commons;

    provides dev.poolkit.spi.PoolBackend with dev.poolkit.commons.CommonsBackend;
}
