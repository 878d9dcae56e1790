package dev.poolkit.echo;

/**
 * What {@link EchoServer#shutdown()} found: the final figures and whether every buffer came back.
 *
 * @param stats          the figures after every connection was closed
 * @param leakedBlocks   buffers still out of the pool once nothing should hold one: a bug (a leak)
 * @param leakReport     the pool's description of them (with acquire sites under leak tracking)
 */
public record ShutdownReport(EchoStats stats, long leakedBlocks, String leakReport) {
    /** Exit status of a clean shutdown. */
    public static final int EXIT_OK = 0;
    /** Exit status when a buffer was still out of the pool at shutdown. */
    public static final int EXIT_LEAK = 3;

    public boolean leaked() {
        return leakedBlocks != 0;
    }

    public int exitCode() {
        return leaked() ? EXIT_LEAK : EXIT_OK;
    }

    /** The final figures as one JSON object: {@link EchoStats#toJson()}'s fields plus {@code leakedBlocks}. */
    public String toJson() {
        return stats.fields(new Json()).field("leakedBlocks", leakedBlocks).toString();
    }
}
