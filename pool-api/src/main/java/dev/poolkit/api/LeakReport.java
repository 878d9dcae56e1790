package dev.poolkit.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The blocks of a pool that are handed out and not released, at the moment of the report.
 *
 * @param pool     a description of the pool (backend and geometry)
 * @param blocks   the outstanding pooled blocks
 * @param unpooled unpooled blocks handed out and not yet released
 */
public record LeakReport(String pool, List<Leak> blocks, long unpooled) {

    /**
     * One outstanding block.
     *
     * @param index      the block's index in the slab
     * @param acquiredAt the stack of the acquire that took it, or null when leak tracking is off
     */
    public record Leak(int index, Throwable acquiredAt) {
    }

    public LeakReport {
        blocks = List.copyOf(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty() && unpooled == 0;
    }

    /** Total blocks out: pooled and unpooled. */
    public long count() {
        return blocks.size() + unpooled;
    }

    /** A human-readable report, with acquire stacks where they were recorded. */
    public String describe() {
        if (isEmpty()) {
            return pool + ": no blocks outstanding";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pool).append(": ").append(count()).append(" block(s) still out (not released)");
        if (unpooled > 0) {
            sb.append(", ").append(unpooled).append(" of them unpooled");
        }
        boolean anySite = false;
        for (Leak leak : blocks) {
            sb.append("\n  block #").append(leak.index());
            if (leak.acquiredAt() != null) {
                anySite = true;
                StringWriter w = new StringWriter();
                leak.acquiredAt().printStackTrace(new PrintWriter(w));
                sb.append(" ").append(w.toString().strip().replace("\n", "\n    "));
            }
        }
        if (!anySite && !blocks.isEmpty()) {
            sb.append("\n  (enable BlockPoolConfig.Builder.leakTracking(true) to see where each was acquired)");
        }
        return sb.toString();
    }
}
