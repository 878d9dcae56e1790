package dev.poolkit.echo;

import java.util.Locale;

/**
 * How the server's threads serve connections ({@code --io}). Both take their buffers from the same
 * {@link BufferSource} and their connection objects from the same pool, count the same figures and
 * keep the same rules (back-pressure, no pinning, timeouts, drain); they differ only in who waits for
 * the sockets.
 */
public enum IoModel {
    /** A few {@link EventLoop}s, each a selector thread serving its share of the connections (the default). */
    LOOPS("loops"),
    /**
     * One virtual thread per connection, blocking in its reads and writes: the seed article's
     * goroutine-per-connection server ({@link ThreadPerConnection}). Needs Java 21 or later.
     */
    VIRTUAL_THREADS("virtual-threads");

    private final String flag;

    IoModel(String flag) {
        this.flag = flag;
    }

    /** The command-line spelling. */
    public String flag() {
        return flag;
    }

    /** Whether this JVM can run the model: {@link #VIRTUAL_THREADS} needs Java 21 or later. */
    public boolean available() {
        return this == LOOPS || VirtualThreads.available();
    }

    /** Why this JVM cannot run the model, for a usage error; null when it can. */
    String unavailableReason() {
        if (available()) {
            return null;
        }
        return "--io " + flag + " needs Java 21 or later (virtual threads); this JVM is Java " + Runtime.version()
                + " (" + System.getProperty("java.home") + "). Run the server with the java of a JDK 21+, or use --io "
                + LOOPS.flag + ", which runs on Java 17";
    }

    /** The value of {@code --io} spelled {@code flag} (any case). */
    public static IoModel fromFlag(String flag) {
        String f = flag == null ? "" : flag.strip().toLowerCase(Locale.ROOT);
        for (IoModel m : values()) {
            if (m.flag.equals(f)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--io must be '" + LOOPS.flag + "' (event loops, the default) or '"
                + VIRTUAL_THREADS.flag + "' (a virtual thread per connection, Java 21+), got '" + flag + "'");
    }
}
