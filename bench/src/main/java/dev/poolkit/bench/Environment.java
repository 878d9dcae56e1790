package dev.poolkit.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where and when numbers were measured: every report, JSON file and chart carries this, because a
 * number without its JDK, CPU count and date cannot be compared with anything.
 */
public record Environment(String jdk, String vm, String os, String cpu, int cpus, long maxHeapMiB, String date) {

    public static Environment current() {
        return new Environment(System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the arch in os is what we have
        }
        return "unknown";
    }

    /** The 1-minute load average (Linux), NaN where unknown: a busy machine makes every number noisy. */
    public static double loadAverage() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
            return Double.parseDouble(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The day, without the time: what a chart title has room for. */
    public String day() {
        return date.length() >= 10 ? date.substring(0, 10) : date;
    }

    /** One short line: {@code JDK 17.0.15, 2 CPUs, 2026-11-27}. */
    public String stamp() {
        return "JDK " + System.getProperty("java.version", jdk) + ", " + cpus + " CPUs, " + day();
    }
}
