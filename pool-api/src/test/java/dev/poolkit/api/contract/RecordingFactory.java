package dev.poolkit.api.contract;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A factory, reset and discard hook that record every call, so tests can assert exact lifecycle
 * sequences; and that can be told to fail, to test recovery.
 */
public final class RecordingFactory implements Supplier<RecordingFactory.Thing> {
    /** A pooled test object: its serial number and the thread currently holding it. */
    public static final class Thing {
        public final int serial;
        public final AtomicInteger holder = new AtomicInteger();
        public volatile long payload;
        public int resets;
        /** Set when the pool passes it to onDiscard: a dropped object must never be handed out again. */
        public volatile boolean dropped;

        Thing(int serial) {
            this.serial = serial;
        }

        @Override
        public String toString() {
            return "Thing#" + serial;
        }
    }

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Thing> discarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger discardedTwice = new AtomicInteger();
    private final AtomicInteger forgotten = new AtomicInteger();
    private volatile RuntimeException failNext;
    private volatile boolean returnNullNext;
    private volatile RuntimeException failReset;

    @Override
    public Thing get() {
        RuntimeException f = failNext;
        if (f != null) {
            failNext = null;
            calls.add("make:failed");
            throw f;
        }
        if (returnNullNext) {
            returnNullNext = false;
            calls.add("make:null");
            return null;
        }
        Thing t = new Thing(made.incrementAndGet());
        calls.add("make:" + t.serial);
        return t;
    }

    public void reset(Thing t) {
        RuntimeException f = failReset;
        if (f != null) {
            failReset = null;
            calls.add("reset:failed:" + t.serial);
            throw f;
        }
        t.resets++;
        calls.add("reset:" + t.serial);
    }

    public void discard(Thing t) {
        if (t.dropped) {
            discardedTwice.incrementAndGet();
        }
        t.dropped = true;
        discarded.add(t);
        calls.add("discard:" + t.serial);
    }

    public void failNextMake(RuntimeException e) {
        failNext = e;
    }

    public void returnNullOnNextMake() {
        returnNullNext = true;
    }

    public void failNextReset(RuntimeException e) {
        failReset = e;
    }

    /** The test keeps {@code n} objects it never gives back to the pool (they will never be discarded). */
    public void forget(int n) {
        forgotten.addAndGet(n);
    }

    public int forgotten() {
        return forgotten.get();
    }

    public int made() {
        return made.get();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Objects passed to discard more than once: must stay 0. */
    public int discardedTwice() {
        return discardedTwice.get();
    }

    public List<Thing> discarded() {
        return List.copyOf(discarded);
    }
}
