package dev.poolkit.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one thread keeps for one pool: its share of the statistics, and whatever per-thread cache
 * a backend adds by subclassing (the {@code local} backend's magazine). Only the owning thread
 * writes it, so counting costs plain stores on the owner's own cache line and no contention; other
 * threads only read it, when they sum statistics.
 *
 * <p>A subclass must not reference its pool: the state is held by a {@code ThreadLocal}, and a
 * reference back to the pool would keep every pool alive as long as any thread that used it.
 */
public class PoolThreadState {
    private static final VarHandle ACQUIRES;
    private static final VarHandle RELEASES;
    private static final VarHandle MISSES;
    private static final VarHandle EXHAUSTIONS;
    private static final VarHandle DISCARDS;
    private static final VarHandle NET;
    private static final VarHandle HIGH_WATER;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            ACQUIRES = l.findVarHandle(PoolThreadState.class, "acquires", long.class);
            RELEASES = l.findVarHandle(PoolThreadState.class, "releases", long.class);
            MISSES = l.findVarHandle(PoolThreadState.class, "misses", long.class);
            EXHAUSTIONS = l.findVarHandle(PoolThreadState.class, "exhaustions", long.class);
            DISCARDS = l.findVarHandle(PoolThreadState.class, "discards", long.class);
            NET = l.findVarHandle(PoolThreadState.class, "net", long.class);
            HIGH_WATER = l.findVarHandle(PoolThreadState.class, "highWater", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread owner = Thread.currentThread();

    // Padding would only help if two threads' states shared a cache line; each is its own object
    // allocated by its own thread (its own TLAB), so in practice they do not.
    // Written by the owner only, with opaque stores (a plain mov on x86) so readers see whole values.
    private long acquires;
    private long releases;
    private long misses;
    private long exhaustions;
    private long discards;
    /** acquires - releases made by this thread; negative when it releases what others acquired. */
    private long net;
    /** The most in use at once that this thread has observed (see {@link #othersNet}). */
    private long highWater;
    /** Everyone else's net at this thread's last look; owner-only, never read by others. */
    private long othersNet;

    public PoolThreadState() {
    }

    /** The thread this state belongs to. */
    public final Thread owner() {
        return owner;
    }

    /** Whether the owner has terminated, so this state will never change again. */
    final boolean ownerDead() {
        return !owner.isAlive();
    }

    /**
     * Counts an acquire and returns true iff this thread may have reached a new high-water mark,
     * in which case the caller refreshes {@link #othersNet} and calls {@link #observe}.
     */
    final boolean countAcquire() {
        ACQUIRES.setOpaque(this, acquires + 1);
        long n = net + 1;
        NET.setOpaque(this, n);
        return othersNet + n > highWater;
    }

    final void observe(long othersNetNow) {
        othersNet = othersNetNow;
        long inUse = othersNetNow + net;
        if (inUse > highWater) {
            HIGH_WATER.setOpaque(this, inUse);
        }
    }

    final void countRelease() {
        RELEASES.setOpaque(this, releases + 1);
        NET.setOpaque(this, net - 1);
    }

    final void countMiss() {
        MISSES.setOpaque(this, misses + 1);
    }

    final void countExhaustion() {
        EXHAUSTIONS.setOpaque(this, exhaustions + 1);
    }

    final void countDiscard() {
        DISCARDS.setOpaque(this, discards + 1);
    }

    // ---- read by any thread ----

    final long acquires() {
        return (long) ACQUIRES.getOpaque(this);
    }

    final long releases() {
        return (long) RELEASES.getOpaque(this);
    }

    final long misses() {
        return (long) MISSES.getOpaque(this);
    }

    final long exhaustions() {
        return (long) EXHAUSTIONS.getOpaque(this);
    }

    final long discards() {
        return (long) DISCARDS.getOpaque(this);
    }

    final long net() {
        return (long) NET.getOpaque(this);
    }

    final long highWater() {
        return (long) HIGH_WATER.getOpaque(this);
    }
}
