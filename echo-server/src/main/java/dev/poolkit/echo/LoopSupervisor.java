package dev.poolkit.echo;

/** What an {@link EventLoop} tells when it dies, and who decides what happens next. */
interface LoopSupervisor {
    /**
     * {@code loop} ended by {@code failure} (called on its thread, before it closes its
     * connections). Either installs and starts a successor in the same slot and returns it, or
     * stops the server and returns null. Never throws.
     */
    EventLoop failed(EventLoop loop, Throwable failure);
}
