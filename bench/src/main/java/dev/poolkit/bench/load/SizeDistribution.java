package dev.poolkit.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Message sizes in bytes: one fixed size, a uniform range, or weighted sizes, written the way the
 * command line takes them:
 * <ul>
 *   <li>{@code 4096} or {@code 4k}: every message 4096 bytes;</li>
 *   <li>{@code 64-65536}: uniform between the two, inclusive;</li>
 *   <li>{@code 64:50,4k:40,64k:10}: sizes with relative weights (50%, 40%, 10%).</li>
 * </ul>
 * Suffixes {@code k} and {@code m} are binary (1024, 1024 x 1024).
 */
public final class SizeDistribution {
    /** One echo message is read back whole into one array, so keep it well inside the heap. */
    public static final int MAX_SIZE = 64 << 20;

    private final String spec;
    private final int[] sizes;
    private final double[] cumulative; // weighted: cumulative probabilities; null for fixed/uniform
    private final boolean uniform;

    private SizeDistribution(String spec, int[] sizes, double[] cumulative, boolean uniform) {
        this.spec = spec;
        this.sizes = sizes;
        this.cumulative = cumulative;
        this.uniform = uniform;
    }

    public static SizeDistribution fixed(int size) {
        checkSize(size, String.valueOf(size));
        return new SizeDistribution(String.valueOf(size), new int[]{size}, null, false);
    }

    /** @throws IllegalArgumentException naming what is wrong and showing the accepted forms */
    public static SizeDistribution parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text, "it is empty");
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.contains(":") || s.contains(",")) {
            return weighted(text, s.split(","));
        }
        int dash = s.indexOf('-', 1);
        if (dash > 0) {
            int lo = size(text, s.substring(0, dash));
            int hi = size(text, s.substring(dash + 1));
            if (lo > hi) {
                throw bad(text, "the range " + lo + "-" + hi + " is backwards");
            }
            return new SizeDistribution(lo + "-" + hi, new int[]{lo, hi}, null, true);
        }
        return fixed(size(text, s));
    }

    private static SizeDistribution weighted(String text, String[] parts) {
        List<int[]> entries = new ArrayList<>();
        double total = 0;
        List<Double> weights = new ArrayList<>();
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            String[] sw = part.strip().split(":");
            if (sw.length != 2) {
                throw bad(text, "'" + part + "' is not SIZE:WEIGHT");
            }
            int size = size(text, sw[0]);
            double w;
            try {
                w = Double.parseDouble(sw[1].strip());
            } catch (NumberFormatException e) {
                throw bad(text, "weight '" + sw[1] + "' is not a number");
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw bad(text, "weight " + sw[1] + " must be > 0");
            }
            entries.add(new int[]{size});
            weights.add(w);
            total += w;
            canonical.append(canonical.length() == 0 ? "" : ",").append(size).append(':').append(sw[1].strip());
        }
        int[] sizes = new int[entries.size()];
        double[] cumulative = new double[entries.size()];
        double acc = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = entries.get(i)[0];
            acc += weights.get(i) / total;
            cumulative[i] = acc;
        }
        cumulative[cumulative.length - 1] = 1.0; // no rounding gap at the top
        return new SizeDistribution(canonical.toString(), sizes, cumulative, false);
    }

    private static int size(String text, String token) {
        String t = token.strip();
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m")) {
            mult = t.endsWith("k") ? 1024 : 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw bad(text, "'" + token.strip() + "' is not a size in bytes (e.g. 512, 4k, 1m)");
        }
        checkSize(v, text);
        return (int) v;
    }

    private static void checkSize(long v, String text) {
        if (v < 1 || v > MAX_SIZE) {
            throw bad(text, "sizes must be from 1 to " + MAX_SIZE + " bytes, got " + v);
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("message size '" + text + "': " + why
                + "; use a size (4096, 4k), a range (64-64k) or weights (64:50,4k:40,64k:10)");
    }

    /** The next size, drawn with {@code random}. */
    public int sample(SplittableRandom random) {
        if (uniform) {
            return sizes[0] + random.nextInt(sizes[1] - sizes[0] + 1);
        }
        if (cumulative == null) {
            return sizes[0];
        }
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return sizes[i];
            }
        }
        return sizes[sizes.length - 1];
    }

    public int max() {
        int m = 0;
        for (int s : sizes) {
            m = Math.max(m, s);
        }
        return m;
    }

    /** The expected size of one message. */
    public double mean() {
        if (uniform) {
            return (sizes[0] + (double) sizes[1]) / 2;
        }
        if (cumulative == null) {
            return sizes[0];
        }
        double mean = 0;
        double previous = 0;
        for (int i = 0; i < sizes.length; i++) {
            mean += sizes[i] * (cumulative[i] - previous);
            previous = cumulative[i];
        }
        return mean;
    }

    /** The size with the largest share (the "most common allocation size" the seed sizes blocks by). */
    public int mode() {
        if (uniform) {
            return (int) Math.round(mean()); // every size is equally common; the middle one stands for them
        }
        if (cumulative == null) {
            return sizes[0];
        }
        int best = 0;
        double previous = 0;
        double bestShare = -1;
        for (int i = 0; i < sizes.length; i++) {
            double share = cumulative[i] - previous;
            previous = cumulative[i];
            if (share > bestShare) {
                bestShare = share;
                best = sizes[i];
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return spec;
    }
}
