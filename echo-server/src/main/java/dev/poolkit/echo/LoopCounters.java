package dev.poolkit.echo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One event loop's counters. Written only by the loop's thread, with opaque stores (a plain
 * {@code mov} on x86: no fence, no lock, no contention on the hot path); read by any thread,
 * which sees each counter whole but not all of them at one instant ({@link #snapshot}).
 */
final class LoopCounters {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    // Indexes into values; the meaning of each is that of the LoopTotals component of the same name.
    private static final int BYTES = 0;
    private static final int MESSAGES = 1;
    private static final int BUFFER_WAITS = 2;
    private static final int CLOSED_BY_PEER = 3;
    private static final int RESETS = 4;
    private static final int TIMED_OUT = 5;
    private static final int WRITE_TIMED_OUT = 6;
    private static final int DRAINED = 7;
    private static final int CUT = 8;
    private static final int ABORTED = 9;
    private static final int ERRORS = 10;
    private static final int SPILLS = 11;
    private static final int WRITE_BLOCKED = 12; // gauges from here on
    private static final int WAITING = 13;
    private static final int SPILLED = 14;
    private static final int SPILLED_BYTES = 15;
    private static final int COUNT = 16;

    private final long[] values = new long[COUNT];

    private void add(int i, long delta) {
        LONGS.setOpaque(values, i, values[i] + delta); // only this loop's thread writes: no lost update
    }

    private long get(int i) {
        return (long) LONGS.getOpaque(values, i);
    }

    /** One read of {@code n} bytes has been written back in full: one message. */
    void echoed(int n) {
        add(BYTES, n);
        add(MESSAGES, 1);
    }

    void countBufferWait() {
        add(BUFFER_WAITS, 1);
    }

    void countClosedByPeer() {
        add(CLOSED_BY_PEER, 1);
    }

    void countReset() {
        add(RESETS, 1);
    }

    void countTimedOut() {
        add(TIMED_OUT, 1);
    }

    void countWriteTimedOut() {
        add(WRITE_TIMED_OUT, 1);
    }

    void countDrained() {
        add(DRAINED, 1);
    }

    void countCut() {
        add(CUT, 1);
    }

    void countAborted() {
        add(ABORTED, 1);
    }

    void countError() {
        add(ERRORS, 1);
    }

    void addWriteBlocked(int delta) {
        add(WRITE_BLOCKED, delta);
    }

    void addWaiting(int delta) {
        add(WAITING, delta);
    }

    /** A stalled echo's tail of {@code bytes} moved to the heap (+) or went out (-). */
    /**
     * A spill begins: counted before the block goes back, since the block may serve a waiter at
     * once, and whoever that waiter's client is must see this spill counted.
     */
    void spillStarting() {
        add(SPILLS, 1);
    }

    /** The spill {@link #spillStarting} counted now holds a tail of {@code bytes} on the heap. */
    void spillHeld(int bytes) {
        add(SPILLED, 1);
        add(SPILLED_BYTES, bytes);
    }

    void spilled(int bytes) {
        if (bytes > 0) {
            add(SPILLS, 1);
        }
        add(SPILLED, bytes > 0 ? 1 : -1);
        add(SPILLED_BYTES, bytes);
    }

    long writeBlocked() {
        return get(WRITE_BLOCKED);
    }

    long waiting() {
        return get(WAITING);
    }

    /** Every counter, each read whole; {@code allocatedBytes} is the loop thread's allocation. */
    LoopTotals snapshot(long allocatedBytes) {
        return new LoopTotals(get(BYTES), get(MESSAGES), get(BUFFER_WAITS), get(CLOSED_BY_PEER), get(RESETS),
                get(TIMED_OUT), get(WRITE_TIMED_OUT), get(DRAINED), get(CUT), get(ABORTED), get(ERRORS), get(SPILLS),
                get(WRITE_BLOCKED), get(WAITING), get(SPILLED), get(SPILLED_BYTES), allocatedBytes);
    }
}
