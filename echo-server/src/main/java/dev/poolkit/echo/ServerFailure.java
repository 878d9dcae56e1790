package dev.poolkit.echo;

/** How a part of the server that cannot go on (a loop beyond replacing, the acceptor, the broker) stops it. */
interface ServerFailure {
    /**
     * Stops the server because of {@code cause}: it shuts down at once (no drain) and its report
     * says {@code what}, so the process exits with {@link ShutdownReport#EXIT_FAILED}. Returns at
     * once; the first call wins.
     */
    void fail(String what, Throwable cause);
}
