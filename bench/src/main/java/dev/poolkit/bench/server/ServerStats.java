package dev.poolkit.bench.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * A server's own figures at the end of a run, from the JSON it writes on SIGTERM
 * ({@code --stats-json}): what the client cannot see. Field names are those of our echo server's
 * stats; the Netty reference writes the same names. A figure the server does not report is null.
 *
 * @param loopAllocatedBytes heap bytes allocated by the server's event-loop threads over its life
 * @param messagesEchoed     the server's own count of echoed reads (a read, not a client message)
 * @param gcCount            garbage collections, all collectors
 * @param gcTimeMs           their accumulated time (pauses and, for concurrent collectors, cycles)
 */
public record ServerStats(long loopAllocatedBytes, long bytesEchoed, Long messagesEchoed, Long gcCount, Long gcTimeMs,
                          Long poolHighWater, Long poolMisses, Long poolExhaustions, Long poolInUse,
                          Long directMemoryBytes) {

    /** Figures without the direct-memory reading. */
    public ServerStats(long loopAllocatedBytes, long bytesEchoed, Long messagesEchoed, Long gcCount, Long gcTimeMs,
                       Long poolHighWater, Long poolMisses, Long poolExhaustions, Long poolInUse) {
        this(loopAllocatedBytes, bytesEchoed, messagesEchoed, gcCount, gcTimeMs, poolHighWater, poolMisses,
                poolExhaustions, poolInUse, null);
    }

    /**
     * Direct memory this JVM's NIO buffers hold now ({@code BufferPoolMXBean} "direct"): the pool's
     * slab and the JDK's per-thread temporary buffers. Memory a library takes without a JDK buffer
     * object (Netty's arenas without cleaners) is not in it.
     */
    public static long directMemoryUsed() {
        long used = 0;
        for (java.lang.management.BufferPoolMXBean b
                : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                used += Math.max(0, b.getMemoryUsed());
            }
        }
        return used;
    }

    /** This JVM's collectors, summed: {count, milliseconds}. */
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
     * Reads a server's stats JSON ({@code directMemoryBytes} is null where the server does not report it).
     *
     * @throws IllegalArgumentException if the text is not a JSON object or lacks the allocation figure
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
        Long allocated = number(o, "loopAllocatedBytes");
        if (allocated == null || allocated < 0) {
            throw new IllegalArgumentException("server stats lack loopAllocatedBytes (or the JVM could not measure"
                    + " it): " + abbreviate(json));
        }
        Long bytes = number(o, "bytesEchoed");
        return new ServerStats(allocated, bytes == null ? 0 : bytes, number(o, "messagesEchoed"),
                number(o, "gcCount"), number(o, "gcTimeMs"), number(o, "poolHighWater"), number(o, "poolMisses"),
                number(o, "poolExhaustions"), number(o, "poolInUse"), number(o, "directMemoryBytes"));
    }

    private static Long number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
