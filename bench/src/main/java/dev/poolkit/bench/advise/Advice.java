package dev.poolkit.bench.advise;

import java.util.List;

/**
 * The advisor's recommendation, as written to advice.json.
 *
 * @param recording      the recording read
 * @param source         the events the histogram came from
 * @param requests       estimated requests the histogram stands for
 * @param wasteBound     the largest round-up waste allowed, (class - request) / request
 * @param headroom       capacity added above the expected peak per class, as a fraction
 * @param peakInUse      the peak number of blocks out at once the capacities are sized for
 * @param peakSource     where that peak came from
 * @param classes        the recommended classes, smallest first
 * @param reservedBytes  what the classes reserve (sum of blockSize x capacity)
 * @param meanWaste      mean round-up waste of the requests over the classes, weighted by count
 * @param single         the one blockSize that serves every request, for comparison
 * @param javaCode       the builder call to paste
 * @param echoFlags      the echo server's flags for the same classes
 * @param notes          what the reader should know about the data
 */
record Advice(String recording, String source, double requests, double wasteBound, double headroom, long peakInUse,
              String peakSource, List<ClassAdvice> classes, long reservedBytes, double meanWaste, Single single,
              String javaCode, String echoFlags, List<String> notes) {

    /**
     * One class.
     *
     * @param blockSize  bytes per block
     * @param capacity   blocks
     * @param share      fraction of the requests it serves
     * @param smallest   smallest request it serves
     * @param largest    largest request it serves
     * @param worstWaste the round-up waste of its smallest request
     */
    record ClassAdvice(int blockSize, int capacity, double share, int smallest, int largest, double worstWaste) {
    }

    /**
     * One block size for every request, as a plain BlockPool.
     *
     * @param blockSize     the largest request, rounded up to 64 bytes
     * @param capacity      the peak with the same headroom
     * @param reservedBytes blockSize x capacity
     * @param meanWaste     mean round-up waste of the requests
     */
    record Single(int blockSize, int capacity, long reservedBytes, double meanWaste) {
    }
}
