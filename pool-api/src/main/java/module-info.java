/**
 * Poolkit's pool API, the backend SPI, and the JDK-only {@code local} backend. Users call
 * {@code dev.poolkit.api}; backends implement {@code dev.poolkit.spi}; everything else is internal
 * and not exported.
 */
module dev.poolkit {
    // Pools register MXBeans when asked to (jmxName); java.management is in every standard JDK.
    requires java.management;
    // Transitive: PoolRecording.settings() hands out a jdk.jfr.Configuration.
    requires transitive jdk.jfr;

    exports dev.poolkit.api;
    exports dev.poolkit.spi;

    uses dev.poolkit.spi.PoolBackend;

    provides dev.poolkit.spi.PoolBackend with dev.poolkit.local.LocalBackend;
}
