package dev.poolkit.echo;

import java.nio.channels.SocketChannel;

/** Where the {@link Acceptor} hands each accepted connection: the event loops, or a thread of its own. */
interface Intake {
    /**
     * Takes {@code channel} (connected, non-blocking, already counted open) to serve it.
     *
     * @return false iff nothing will serve it (the server is stopping), and then it is still the caller's
     */
    boolean take(SocketChannel channel);
}
