package dev.poolkit.bench.sweep;

/**
 * One cell of the sweep grid: a backend at one blockSize x poolSize, measured under the load.
 *
 * @param slabBytes   memory the pool reserves up front (poolSize x blockSize rounded up to the alignment)
 * @param highWater   most blocks in use at once (the server's figure)
 * @param exhaustions times a connection found the pool empty (it then waited for a buffer)
 * @param failure     why the cell has no figures, or null
 */
public record SweepPoint(String backend, int blockSize, int poolSize, long slabBytes, double msgPerSec,
                         double p99Us, long errors, Long highWater, Long misses, Long exhaustions, String failure) {

    /** Measured, and without a single echo error: the only cells a recommendation may pick. */
    public boolean usable() {
        return failure == null && errors == 0 && msgPerSec > 0;
    }

    public double slabMiB() {
        return slabBytes / (1024.0 * 1024.0);
    }

    public String label() {
        return String.format("%s blockSize=%d poolSize=%d", backend, blockSize, poolSize);
    }
}
