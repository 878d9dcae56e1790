package dev.poolkit.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where and when numbers were measured: every report, JSON file and chart carries this, because a
 * number without its JDK, CPU count and date cannot be compared with anything. All of it is read
 * from the running JVM and the machine, none of it typed.
 *
 * @param cpus       the processors this JVM may use: logical CPUs, which on a VM are vCPUs
 * @param maxHeapMiB this JVM's maximum heap
 * @param collectors this JVM's garbage collectors, by their MXBean names
 */
public record Environment(String jdk, String vm, String os, String cpu, int cpus, long maxHeapMiB,
                          List<String> collectors, String date) {

    public static Environment current() {
        return new Environment(System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** {@code 2 vCPUs (AMD EPYC)}: logical processors, never read as sockets. */
    public String cpuWords() {
        return cpus + (cpus == 1 ? " vCPU" : " vCPUs") + ("unknown".equals(cpu) ? "" : " (" + cpu + ")");
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

    /** One short line: {@code JDK 17.0.15, 2 vCPUs, 2026-11-27}, from the recorded figures. */
    public String stamp() {
        String version = jdk.substring(jdk.lastIndexOf(' ') + 1);
        int build = version.indexOf('+');
        return "JDK " + (build < 0 ? version : version.substring(0, build)) + ", " + cpus
                + (cpus == 1 ? " vCPU, " : " vCPUs, ") + day();
    }
}
