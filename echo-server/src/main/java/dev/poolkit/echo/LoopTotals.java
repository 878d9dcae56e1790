package dev.poolkit.echo;

/**
 * The event loops' counters, summed over every loop the server has run (a loop that failed and
 * was replaced still counts). The JSON names are in {@link EchoStats#toJson()} and the README.
 *
 * @param bytesEchoed     bytes written back
 * @param messagesEchoed  reads written back in full
 * @param bufferWaits     times a connection found no free buffer and waited for one
 * @param closedByPeer    connections ended by the client's FIN (then ours, after the echo)
 * @param resets          connections ended by a reset or another I/O error
 * @param timedOut        connections closed after {@code --idle-timeout} without traffic
 * @param writeTimedOut   connections closed because an echo was not taken in full within {@code --write-timeout}
 * @param drained         connections the shutdown drain closed after every byte they sent was echoed
 * @param cut             connections shutdown closed at the end of the drain, or without one
 * @param aborted         connections closed because their event loop failed
 * @param errors          unexpected errors while serving a connection (a bug): each closed that connection
 * @param spills          times a stalled echo's unsent tail moved from a pool block to the heap
 * @param writeBlocked    now: connections whose echo waits for the client to read it
 * @param waiting         now: connections waiting for a free buffer (they hold none)
 * @param spilled         now: write-blocked connections holding their tail on the heap, not in a block
 * @param spilledBytes    now: heap bytes those tails hold (at most one block each)
 * @param allocatedBytes  heap bytes the loop threads allocated since they started, -1 if unknown
 */
public record LoopTotals(long bytesEchoed, long messagesEchoed, long bufferWaits, long closedByPeer, long resets,
                         long timedOut, long writeTimedOut, long drained, long cut, long aborted, long errors,
                         long spills, long writeBlocked, long waiting, long spilled, long spilledBytes,
                         long allocatedBytes) {

    static final LoopTotals ZERO = new LoopTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    LoopTotals plus(LoopTotals o) {
        return new LoopTotals(bytesEchoed + o.bytesEchoed, messagesEchoed + o.messagesEchoed,
                bufferWaits + o.bufferWaits, closedByPeer + o.closedByPeer, resets + o.resets, timedOut + o.timedOut,
                writeTimedOut + o.writeTimedOut, drained + o.drained, cut + o.cut, aborted + o.aborted,
                errors + o.errors, spills + o.spills, writeBlocked + o.writeBlocked, waiting + o.waiting,
                spilled + o.spilled, spilledBytes + o.spilledBytes,
                allocatedBytes < 0 || o.allocatedBytes < 0 ? -1 : allocatedBytes + o.allocatedBytes);
    }
}
