package dev.poolkit.api;

/**
 * Room in front of a {@link Block}'s fields, which its holder writes on every acquire and release.
 * The handles are made one after another, so without it two neighbouring blocks share a cache line,
 * and two threads each working on its own block would still bounce that line between their cores
 * (the {@code local} backend's two-thread pair measured several times slower than its one-thread
 * pair before this). The JVM lays out a superclass's fields first, so these seven longs keep the
 * lease word of one block more than a cache line away from whatever lies before it in memory;
 * {@code Block} pads behind it too.
 */
abstract class BlockPadding {
    @SuppressWarnings("unused")
    private long p01;
    @SuppressWarnings("unused")
    private long p02;
    @SuppressWarnings("unused")
    private long p03;
    @SuppressWarnings("unused")
    private long p04;
    @SuppressWarnings("unused")
    private long p05;
    @SuppressWarnings("unused")
    private long p06;
    @SuppressWarnings("unused")
    private long p07;
}
