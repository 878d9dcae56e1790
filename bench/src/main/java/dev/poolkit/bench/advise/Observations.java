package dev.poolkit.bench.advise;

import java.util.List;

/**
 * What a recording says about the application's requests.
 *
 * @param histogram sizes and their estimated request counts
 * @param source    which events the histogram was built from, in words
 * @param peakInUse the most blocks out at once the recording shows (the sum over pools of each
 *                  pool's high-water mark), or 0 when it has no statistics events
 * @param events    events read in all
 * @param notes     caveats to print with the advice (sampling, bias corrections, full reads)
 */
record Observations(SizeHistogram histogram, String source, long peakInUse, long events, List<String> notes) {
}
