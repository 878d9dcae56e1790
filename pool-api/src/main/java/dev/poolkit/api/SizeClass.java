package dev.poolkit.api;

/**
 * One class of a {@link SizeClassPool}: {@code capacity} blocks of {@code blockSize} bytes.
 *
 * @param blockSize bytes per block: the largest request this class serves
 * @param capacity  blocks in the class's slab
 */
public record SizeClass(int blockSize, int capacity) {
    public SizeClass {
        if (blockSize <= 0) {
            throw new PoolConfigException("a size class's blockSize must be > 0 bytes, got " + blockSize);
        }
        if (capacity <= 0) {
            throw new PoolConfigException("the size class of " + blockSize + " B must hold > 0 blocks, got "
                    + capacity);
        }
    }

    /** Bytes this class reserves (blocks only, before alignment padding). */
    public long reservedBytes() {
        return (long) blockSize * capacity;
    }

    @Override
    public String toString() {
        return capacity + " x " + blockSize + " B";
    }
}
