package dev.poolkit.bench.sweep;

/**
 * One cell of the sweep grid: a backend at one blockSize x poolSize, or over a set of size classes,
 * measured under the load.
 *
 * @param blockSize   the block size, or for a class set its largest class
 * @param poolSize    blocks in the pool, or for a class set in all its classes
 * @param slabBytes   memory the pool reserves up front (poolSize x blockSize rounded up to the alignment)
 * @param highWater   most blocks in use at once (the server's figure)
 * @param exhaustions times a connection found the pool empty (it then waited for a buffer)
 * @param failure     why the cell has no figures, or null
 * @param classSet    the size classes as the echo server's flags take them ({@code 1k,4k,16k:64,64,16}),
 *                    or null for one block size
 */
public record SweepPoint(String backend, int blockSize, int poolSize, long slabBytes, double msgPerSec,
                         double p99Us, long errors, Long highWater, Long misses, Long exhaustions, String failure,
                         String classSet) {

    public SweepPoint(String backend, int blockSize, int poolSize, long slabBytes, double msgPerSec, double p99Us,
                      long errors, Long highWater, Long misses, Long exhaustions, String failure) {
        this(backend, blockSize, poolSize, slabBytes, msgPerSec, p99Us, errors, highWater, misses, exhaustions, failure,
                null);
    }

    /** Whether this cell ran over several size classes. */
    public boolean isClassSet() {
        return classSet != null;
    }

    /** Measured, and without a single echo error: the only cells a recommendation may pick. */
    public boolean usable() {
        return failure == null && errors == 0 && msgPerSec > 0;
    }

    public double slabMiB() {
        return slabBytes / (1024.0 * 1024.0);
    }

    public String label() {
        return isClassSet() ? String.format("%s classes=%s", backend, classSet)
                : String.format("%s blockSize=%d poolSize=%d", backend, blockSize, poolSize);
    }
}
