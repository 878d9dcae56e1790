package dev.poolkit.bench.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * A server's own figures at the end of a run, from its machine-readable stats: what the client
 * cannot see. Pool figures are null for a server without a pool (Netty, {@code --pool none}).
 *
 * @param allocatedBytes bytes allocated by the server's event-loop threads over its whole life
 * @param gcCount        garbage collections, all collectors
 * @param gcTimeMs       their accumulated time (pauses and, for concurrent collectors, cycles)
 * @param bytesEchoed    payload bytes the server echoed
 */
public record ServerStats(long allocatedBytes, long gcCount, long gcTimeMs, long bytesEchoed, Long poolHighWater,
                          Long poolMisses, Long poolExhaustions, Long poolInUse) {

    /** This JVM's collectors, summed: count and time. */
    public static long[] gcTotals() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{count, time};
    }

    /**
     * Reads the stats JSON of either server. Our echo server nests pool figures under
     * {@code "pool"}; field names are looked up in a few spellings so the reader is not tied to
     * one server's layout.
     *
     * @throws IllegalArgumentException if the text is not a JSON object or lacks allocation figures
     */
    public static ServerStats parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("server stats are not JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("server stats are not a JSON object: " + abbreviate(json));
        }
        JsonObject o = root.getAsJsonObject();
        Long allocated = number(o, "allocatedBytes", "eventLoopAllocatedBytes", "allocated_bytes");
        if (allocated == null) {
            throw new IllegalArgumentException("server stats lack allocatedBytes: " + abbreviate(json));
        }
        JsonObject pool = o.has("pool") && o.get("pool").isJsonObject() ? o.getAsJsonObject("pool") : o;
        return new ServerStats(allocated, orZero(number(o, "gcCount", "gc_count")),
                orZero(number(o, "gcTimeMs", "gcTimeMillis", "gc_time_ms")),
                orZero(number(o, "bytesEchoed", "bytes", "bytes_echoed")),
                number(pool, "poolHighWater", "highWater", "high_water"),
                number(pool, "poolMisses", "misses"),
                number(pool, "poolExhaustions", "exhaustions"),
                number(pool, "poolInUse", "inUse", "in_use"));
    }

    private static Long number(JsonObject o, String... names) {
        for (String n : names) {
            JsonElement e = o.get(n);
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsLong();
            }
        }
        return null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
