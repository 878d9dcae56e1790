package dev.poolkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the bench launches for its measured processes (echo servers, JMH forks): its {@code java}
 * executable, its feature version (17, 21, 25...) and the flags every such process gets on top of
 * the bench's own, typically a collector ({@link #gcFlags}). {@code compare --java} and
 * {@code --gc} make a list of these; {@link #current()} is this JVM without extra flags.
 *
 * @param java           the {@code java} executable
 * @param featureVersion {@code Runtime.version().feature()} of that JVM: phases that need a newer
 *                       Java (virtual threads: 21) check it
 * @param gc             the name of the collector set, as the report prints it ("G1", "ZGC", or the
 *                       flags themselves); empty for the bench's default
 * @param flags          the JVM flags of that set
 */
public record Jvm(Path java, int featureVersion, String gc, List<String> flags) {
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    /** {@code JDK <feature>[ <collector set>] <path to java>[ <flags>]}: see {@link #fromDescription}. */
    private static final Pattern DESCRIPTION = Pattern.compile("JDK (\\d+)(?: (.+?))? (\\S*java)(.*)");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");
    /** Where a full compare looks for a second JDK when no --java is given. */
    public static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    public Jvm {
        flags = List.copyOf(flags);
    }

    /** The JVM running the bench, with no extra flags. */
    public static Jvm current() {
        return new Jvm(Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version().feature(), "",
                List.of());
    }

    /**
     * The JVM at {@code path}: a JDK home, its {@code bin} directory or its {@code java} executable.
     *
     * @throws IllegalArgumentException naming the path if no runnable {@code java} is there
     */
    public static Jvm at(Path path) {
        Path java = Files.isDirectory(path.resolve("bin")) ? path.resolve("bin").resolve("java")
                : Files.isDirectory(path) ? path.resolve("java") : path;
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("--java " + path + ": no java executable there (give a JDK home such as "
                    + TEMURIN_25 + ", its bin directory or its bin/java)");
        }
        return new Jvm(java, featureVersion(java), "", List.of());
    }

    /** This JVM with the collector set {@code gc} ({@link #gcFlags}). */
    public Jvm withGc(String gcSet) {
        return new Jvm(java, featureVersion, gcSet.strip(), gcFlags(gcSet, featureVersion));
    }

    /**
     * The flags of a collector set: {@code G1}, {@code ZGC} (generational where the JDK has a choice),
     * {@code Parallel}, {@code Serial}, {@code Shenandoah}, {@code Epsilon} by name (any case), or
     * any JVM flags separated by spaces, taken as they are ({@code -XX:+UseZGC -Xmx2g}).
     */
    public static List<String> gcFlags(String set, int featureVersion) {
        String s = set.strip();
        if (s.startsWith("-")) {
            return List.of(s.split("\\s+"));
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "g1":
                return List.of("-XX:+UseG1GC");
            case "zgc":
                // 21 and 22 default to the old single-generation ZGC; 23 on are generational only; 17 has no choice.
                return featureVersion == 21 || featureVersion == 22 ? List.of("-XX:+UseZGC", "-XX:+ZGenerational")
                        : List.of("-XX:+UseZGC");
            case "parallel":
                return List.of("-XX:+UseParallelGC");
            case "serial":
                return List.of("-XX:+UseSerialGC");
            case "shenandoah":
                return List.of("-XX:+UseShenandoahGC");
            case "epsilon":
                return List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC");
            default:
                throw new IllegalArgumentException("--gc: unknown collector '" + set + "'; use G1, ZGC, Parallel, Serial,"
                        + " Shenandoah, Epsilon or JVM flags starting with '-' (e.g. \"-XX:+UseZGC -Xmx2g\")");
        }
    }

    /**
     * {@code base} with this JVM's flags: any collector flag in {@code base} is replaced by this
     * set's, so the bench's default (G1) does not fight the chosen collector.
     */
    public List<String> args(List<String> base) {
        List<String> out = new ArrayList<>();
        boolean choosesGc = flags.stream().anyMatch(Jvm::isGcFlag);
        for (String a : base) {
            if (!(choosesGc && isGcFlag(a))) {
                out.add(a);
            }
        }
        out.addAll(flags);
        return out;
    }

    private static boolean isGcFlag(String flag) {
        return flag.matches("-XX:\\+Use\\w*GC") || flag.equals("-XX:+ZGenerational");
    }

    /**
     * The JVM a report describes as {@code JDK 25 ZGC /usr/lib/jvm/.../bin/java -XX:+UseZGC} (its
     * {@link #label()}, its executable and its flags, as compare records them in results.json), or
     * empty for a description of another shape. For regenerating reports without running anything.
     */
    public static Optional<Jvm> fromDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = DESCRIPTION.matcher(description.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String flags = m.group(4).strip();
        return Optional.of(new Jvm(Path.of(m.group(3)), Integer.parseInt(m.group(1)),
                m.group(2) == null ? "" : m.group(2), flags.isEmpty() ? List.of() : List.of(flags.split(" +"))));
    }

    /** "JDK 25 ZGC", for section titles and file names ({@link #slug()}). */
    public String label() {
        return "JDK " + featureVersion + (gc.isEmpty() ? "" : " " + gc);
    }

    /** {@link #label()} as a directory name: {@code jdk25-zgc}. */
    public String slug() {
        return label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
                .replace("jdk-", "jdk");
    }

    /** Whether this is the JVM the bench runs on (then JMH need not be told where java is). */
    public boolean isCurrent() {
        return java.toAbsolutePath().normalize().equals(current().java.toAbsolutePath().normalize());
    }

    /**
     * "Eclipse Adoptium 25.0.3+9-LTS": the vendor and full version from the JDK's {@code release}
     * file, as {@link Environment#jdk()} reads for this JVM; "JDK N" where the file is missing.
     */
    public String describe() {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        try {
            String text = Files.readString(release, StandardCharsets.UTF_8);
            Matcher v = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"").matcher(text);
            Matcher i = Pattern.compile("(?m)^IMPLEMENTOR=\"([^\"]+)\"").matcher(text);
            if (v.find()) {
                return (i.find() ? i.group(1) : "JDK") + " " + v.group(1);
            }
        } catch (IOException | RuntimeException e) {
            // no release file: the feature version is what we know
        }
        return "JDK " + featureVersion;
    }

    private static int featureVersion(Path java) {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        try {
            if (Files.isRegularFile(release)) {
                Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = VERSION_OUTPUT.matcher(out);
            if (m.find()) {
                int major = Integer.parseInt(m.group(1));
                return major == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : major;
            }
            throw new IllegalArgumentException("--java " + java + ": cannot read its version from: " + out.strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("--java " + java + ": cannot run it: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("--java " + java + ": interrupted reading its version", e);
        }
    }
}
