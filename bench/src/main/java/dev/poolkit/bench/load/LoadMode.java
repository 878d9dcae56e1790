package dev.poolkit.bench.load;

/** How the load generator paces its messages. */
public enum LoadMode {
    /**
     * Each connection sends its next message as soon as the previous one is echoed: measures the
     * most the server does, and the latency of one request at that load.
     */
    CLOSED_LOOP,
    /**
     * Messages are due on a fixed schedule (the total rate shared by the connections). Latency is
     * measured from when a message was due, not when it was sent, so a stall that delays later
     * sends is charged to them too: the coordinated-omission correction.
     */
    FIXED_RATE
}
