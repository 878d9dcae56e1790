package dev.poolkit.api;

/**
 * An {@link ObjectPool} over JMX: registered as {@code dev.poolkit:type=ObjectPool,name=NAME} on
 * the platform MBean server by a pool built with {@link ObjectPoolConfig.Builder#jmxName(String)},
 * and unregistered by its {@link ObjectPool#close()}. The counters mean what {@link PoolStats}
 * says; each attribute read takes a fresh snapshot.
 */
public interface ObjectPoolMXBean {
    /** The name given to {@link ObjectPoolConfig.Builder#jmxName(String)}. */
    String getName();

    /** The registered name of the backend, e.g. {@code local}. */
    String getBackend();

    /** {@link PoolStats#acquires()}. */
    long getAcquires();

    /** {@link PoolStats#releases()}. */
    long getReleases();

    /** {@link PoolStats#misses()}: new objects made by the factory. */
    long getMisses();

    /** {@link PoolStats#discards()}: released objects dropped. */
    long getDiscards();

    /** {@link PoolStats#inUse()}. */
    long getInUse();

    /** {@link PoolStats#highWater()}. */
    long getHighWater();

    /** {@link ObjectPool#idle()}. */
    int getIdle();

    /** {@link ObjectPoolConfig#maxIdle()}. */
    int getMaxIdle();
}
