package dev.poolkit.echo;

import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.SizeClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --block-sizes 1k,4k,16k} with {@code --pool-sizes 256,64,16} (or one count for every class). */
final class SizeClassFlags {
    private SizeClassFlags() {
    }

    /** @throws IllegalArgumentException naming the bad value and what is accepted */
    static List<SizeClass> parse(List<String> sizes, List<Integer> counts, int defaultCount) {
        if (counts != null && !counts.isEmpty() && counts.size() != 1 && counts.size() != sizes.size()) {
            throw new IllegalArgumentException("--pool-sizes has " + counts.size() + " values for " + sizes.size()
                    + " --block-sizes: give one count per class, in the same order, or one count for all");
        }
        List<SizeClass> out = new ArrayList<>(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            int size = bytes(sizes.get(i));
            int count = counts == null || counts.isEmpty() ? defaultCount : counts.get(counts.size() == 1 ? 0 : i);
            try {
                out.add(new SizeClass(size, count));
            } catch (PoolConfigException e) {
                throw new IllegalArgumentException("--block-sizes/--pool-sizes: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** {@code 3008}, {@code 4k} (KiB), {@code 1m} (MiB). */
    static int bytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 1 || v > EchoConfig.MAX_BLOCK_SIZE) {
                throw new IllegalArgumentException("--block-sizes value '" + text + "' must be from 1 to "
                        + EchoConfig.MAX_BLOCK_SIZE + " bytes");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--block-sizes value '" + text + "' is not a size: use bytes (3008),"
                    + " KiB (4k) or MiB (1m)", e);
        }
    }
}
