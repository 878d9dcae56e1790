package dev.poolkit.api;

/**
 * A {@link BlockPool} over JMX: registered as {@code dev.poolkit:type=BlockPool,name=NAME} on the
 * platform MBean server by a pool built with {@link BlockPoolConfig.Builder#jmxName(String)}, and
 * unregistered by its {@link BlockPool#close()}. The counters mean what {@link PoolStats} says;
 * each attribute read takes a fresh snapshot.
 */
public interface BlockPoolMXBean {
    /** The name given to {@link BlockPoolConfig.Builder#jmxName(String)}. */
    String getName();

    /** The registered name of the backend, e.g. {@code jctools}. */
    String getBackend();

    /** {@link PoolStats#acquires()}. */
    long getAcquires();

    /** {@link PoolStats#releases()}. */
    long getReleases();

    /** {@link PoolStats#misses()}: unpooled blocks handed out. */
    long getMisses();

    /** {@link PoolStats#exhaustions()}. */
    long getExhaustions();

    /** {@link PoolStats#discards()}: unpooled blocks released (and dropped). */
    long getDiscards();

    /** {@link PoolStats#inUse()}, unpooled blocks included. */
    long getInUse();

    /** {@link PoolStats#highWater()}. */
    long getHighWater();

    /** Pooled blocks free now: the capacity less the pooled blocks in use. */
    long getFree();

    /** {@link BlockPool#waits()}: acquires that waited under {@link ExhaustionPolicy#await}. */
    long getWaits();

    /** {@link BlockPool#waits()}: their total time waiting, in nanoseconds. */
    long getWaitNanos();

    /** {@link BlockPoolConfig#capacity()}. */
    int getCapacity();

    /** {@link BlockPoolConfig#blockSize()}. */
    int getBlockSize();

    /** {@link BlockPoolConfig#alignment()}. */
    int getAlignment();

    /** {@link BlockPoolConfig#memory()}: {@code DIRECT} or {@code HEAP}. */
    String getMemory();

    /** {@link BlockPoolConfig#exhaustion()}, e.g. {@code await(PT0.05S)}. */
    String getExhaustionPolicy();

    /** {@link BlockPoolConfig#leakTracking()}. */
    boolean isLeakTracking();
}
