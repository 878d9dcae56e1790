package dev.poolkit.api.contract;

import dev.poolkit.api.Block;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who holds which block, kept beside the pool by the test: each holder claims the block in a side
 * table and stamps its memory with a unique ticket, and checks both before giving it back. A block
 * handed to two holders at once shows up as a failed claim or a stamp overwritten by the other.
 * Violations are counted, never thrown, so a stress run ends and reports them all.
 */
public final class Claims {
    private final AtomicIntegerArray holder; // 0 = nobody, else the holder's id
    private final AtomicLong violations = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    public Claims(int capacity) {
        this.holder = new AtomicIntegerArray(capacity);
    }

    /** Marks pooled block {@code b} as held by {@code me} (> 0) and stamps it with {@code ticket}. */
    public void claim(Block b, int me, long ticket) {
        if (!holder.compareAndSet(b.index(), 0, me)) {
            violation("block #" + b.index() + " handed to " + me + " while " + holder.get(b.index()) + " holds it");
        }
        ByteBuffer buf = b.buffer();
        buf.putLong(0, ticket);
        buf.putLong(buf.capacity() - 8, ~ticket);
    }

    /** Checks that {@code b}'s stamp is still {@code ticket} and its claim {@code me}'s, then clears the claim. */
    public void unclaim(Block b, int me, long ticket) {
        ByteBuffer buf = b.buffer();
        if (buf.getLong(0) != ticket || buf.getLong(buf.capacity() - 8) != ~ticket) {
            violation("stamp of block #" + b.index() + " changed under " + me);
        }
        if (!holder.compareAndSet(b.index(), me, 0)) {
            violation("claim of block #" + b.index() + " changed under " + me);
        }
    }

    public void violation(String what) {
        violations.incrementAndGet();
        first.compareAndSet(null, what);
    }

    public long violations() {
        return violations.get();
    }

    @Override
    public String toString() {
        return violations.get() + " violation(s), first: " + first.get();
    }
}
