package dev.poolkit.echo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One event loop's counters. Written only by the loop's thread, with opaque stores (a plain
 * {@code mov} on x86: no fence, no lock, no contention on the hot path); read by any thread,
 * which sees each counter whole but not all of them at one instant.
 */
final class LoopCounters {
    private static final VarHandle BYTES;
    private static final VarHandle MESSAGES;
    private static final VarHandle BUFFER_WAITS;
    private static final VarHandle CLOSED_BY_PEER;
    private static final VarHandle RESETS;
    private static final VarHandle TIMED_OUT;
    private static final VarHandle WRITE_BLOCKED;
    private static final VarHandle WAITING;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            BYTES = l.findVarHandle(LoopCounters.class, "bytes", long.class);
            MESSAGES = l.findVarHandle(LoopCounters.class, "messages", long.class);
            BUFFER_WAITS = l.findVarHandle(LoopCounters.class, "bufferWaits", long.class);
            CLOSED_BY_PEER = l.findVarHandle(LoopCounters.class, "closedByPeer", long.class);
            RESETS = l.findVarHandle(LoopCounters.class, "resets", long.class);
            TIMED_OUT = l.findVarHandle(LoopCounters.class, "timedOut", long.class);
            WRITE_BLOCKED = l.findVarHandle(LoopCounters.class, "writeBlocked", long.class);
            WAITING = l.findVarHandle(LoopCounters.class, "waiting", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long bytes;
    private long messages;
    private long bufferWaits;
    private long closedByPeer;
    private long resets;
    private long timedOut;
    /** Gauge: connections whose echo waits for the peer to read. */
    private long writeBlocked;
    /** Gauge: connections waiting for a buffer. */
    private long waiting;

    /** One read of {@code n} bytes has been written back in full: one message. */
    void echoed(int n) {
        BYTES.setOpaque(this, bytes + n);
        MESSAGES.setOpaque(this, messages + 1);
    }

    void countBufferWait() {
        BUFFER_WAITS.setOpaque(this, bufferWaits + 1);
    }

    void countClosedByPeer() {
        CLOSED_BY_PEER.setOpaque(this, closedByPeer + 1);
    }

    void countReset() {
        RESETS.setOpaque(this, resets + 1);
    }

    void countTimedOut() {
        TIMED_OUT.setOpaque(this, timedOut + 1);
    }

    void addWriteBlocked(int delta) {
        WRITE_BLOCKED.setOpaque(this, writeBlocked + delta);
    }

    void addWaiting(int delta) {
        WAITING.setOpaque(this, waiting + delta);
    }

    long writeBlocked() {
        return (long) WRITE_BLOCKED.getOpaque(this);
    }

    long waiting() {
        return (long) WAITING.getOpaque(this);
    }

    long bytes() {
        return (long) BYTES.getOpaque(this);
    }

    long messages() {
        return (long) MESSAGES.getOpaque(this);
    }

    long bufferWaits() {
        return (long) BUFFER_WAITS.getOpaque(this);
    }

    long closedByPeer() {
        return (long) CLOSED_BY_PEER.getOpaque(this);
    }

    long resets() {
        return (long) RESETS.getOpaque(this);
    }

    long timedOut() {
        return (long) TIMED_OUT.getOpaque(this);
    }
}
