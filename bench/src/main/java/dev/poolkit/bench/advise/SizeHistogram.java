package dev.poolkit.bench.advise;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Request sizes and how many requests of each size the recording stands for: each sampled event
 * adds its weight (its sampling rate, or the inverse of the chance a JDK allocation event was taken).
 */
final class SizeHistogram {
    private final TreeMap<Integer, Double> weights = new TreeMap<>();
    private long events;

    void add(int size, double weight) {
        if (size < 0 || !(weight > 0)) {
            return;
        }
        weights.merge(size, weight, Double::sum);
        events++;
    }

    NavigableMap<Integer, Double> weights() {
        return weights;
    }

    /** Events added (not their weight). */
    long events() {
        return events;
    }

    double total() {
        double t = 0;
        for (double w : weights.values()) {
            t += w;
        }
        return t;
    }

    boolean isEmpty() {
        return weights.isEmpty();
    }

    int min() {
        return weights.firstKey();
    }

    int max() {
        return weights.lastKey();
    }

    /** The size below which {@code q} of the weight lies. */
    int quantile(double q) {
        double target = q * total();
        double acc = 0;
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            acc += e.getValue();
            if (acc >= target) {
                return e.getKey();
            }
        }
        return max();
    }

    /**
     * The same weights on at most {@code maxBins} sizes: sizes are merged upwards into the next
     * multiple of a granule (8 bytes, then doubling) until few enough remain. Merging upwards keeps
     * every class chosen from the result large enough for every request it stands for.
     */
    SizeHistogram coarsened(int maxBins) {
        SizeHistogram h = this;
        for (int granule = 8; h.weights.size() > maxBins; granule *= 2) {
            SizeHistogram next = new SizeHistogram();
            for (Map.Entry<Integer, Double> e : weights.entrySet()) {
                int s = e.getKey();
                long up = ((long) s + granule - 1) / granule * granule;
                next.weights.merge((int) Math.min(up, Integer.MAX_VALUE), e.getValue(), Double::sum);
            }
            next.events = events;
            h = next;
        }
        return h;
    }

    /** {@code size,weight} lines, smallest size first. */
    String csv() {
        StringBuilder sb = new StringBuilder("size_bytes,estimated_requests\n");
        weights.forEach((s, w) -> sb.append(s).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", w))
                .append('\n'));
        return sb.toString();
    }
}
