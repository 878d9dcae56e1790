package dev.poolkit.bench.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operating system and the JVM's own logs say about a process, for the cost-per-message
 * columns: CPU time and resident memory from {@code /proc} (Linux; NaN elsewhere), and the
 * collector's pauses from the server's safepoint log ({@link #safepointLogFlag}), which every
 * collector writes alike.
 */
public final class ProcessFigures {
    /** {@code Safepoint "G1CollectForAllocation", ... Total: 1234567 ns} (JDK 17 on). */
    private static final Pattern SAFEPOINT = Pattern.compile("Safepoint \"(\\w+)\".*?Total: (\\d+) ns");
    /** Safepoint operations of a collector (G1*, Z*, Shenandoah*, Parallel*, *Collect*, *GC*). */
    private static final Pattern GC_OPERATION = Pattern.compile("G1\\w*|Z[A-Z]\\w*|Shenandoah\\w*|Parallel\\w*"
            + "|\\w*Collect\\w*|\\w*GC\\w*");
    /** Linux's clock ticks per second for /proc/PID/stat; 100 on every mainstream kernel config. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessFigures() {
    }

    /** The JVM flag that has a server log every safepoint to {@code file}. */
    public static String safepointLogFlag(Path file) {
        return "-Xlog:safepoint:file=" + file;
    }

    /** CPU time (user + system) of process {@code pid} so far, in nanoseconds; NaN if unknown. */
    public static double cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based over the whole line)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND * 1e9;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** This JVM's CPU time so far, in nanoseconds; NaN if the JVM cannot say. */
    public static double ownCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return t < 0 ? Double.NaN : t;
        }
        return Double.NaN;
    }

    /** Resident set size of {@code pid} now, in bytes; NaN if unknown. */
    public static double rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return Double.NaN;
    }

    /** The collector's pauses in a safepoint log, in nanoseconds, in log order; empty if there is no log. */
    public static List<Long> gcPauses(Path safepointLog) {
        List<Long> pauses = new ArrayList<>();
        try {
            if (!Files.exists(safepointLog)) {
                return pauses;
            }
            for (String line : Files.readAllLines(safepointLog)) {
                Matcher m = SAFEPOINT.matcher(line);
                if (m.find() && GC_OPERATION.matcher(m.group(1)).matches()) {
                    pauses.add(Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no figures rather than a failed run
        }
        return pauses;
    }
}
