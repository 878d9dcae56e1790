package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pool's per-thread caches: a fixed table, found by thread id, of caches each owned by one
 * platform thread. The owner reads and writes its cache with plain instructions; nobody else
 * touches it while the owner lives, and it is taken back (by {@link #reapDead}) once the owner has
 * died, which {@link Thread#isAlive()} returning false orders after everything the owner did.
 *
 * <p>Why a table and not a {@code ThreadLocal}: a lookup is the thread's id, a mask and two array
 * reads, shorter than {@code ThreadLocal.get()}'s chain of dependent loads; the pool holds the
 * caches, so no thread's map can keep a pool (or what its caches hold) alive; the number of caches,
 * and so what they can hide, is bounded by the table whatever the number of threads; registering is
 * O(1). A thread whose two slots are held by live threads, and every virtual thread, gets no cache
 * and works on the pool's shared store: no per-thread state for threads that may number millions.
 *
 * @param <C> the cache type
 */
public final class ThreadCaches<C extends ThreadCaches.Owned> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Owned[].class);
    /** Slots per core: room for the event loops and workers of a busy process, with spares for collisions. */
    private static final int SLOTS_PER_CORE = 2;
    /** Small machines still get a few, so that short-lived threads and collisions find a slot. */
    private static final int MIN_SLOTS = 8;
    /** Past this, a table costs more to scan on the slow paths than its caches save. */
    private static final int MAX_SLOTS = 256;
    /**
     * A thread whose two slots are taken looks whether their owners are still alive once in this
     * many slow-path calls: often enough that a dead thread's slot is soon reused, rarely enough that
     * a thread without a cache does not pay a native {@code isAlive()} call on every operation.
     */
    private static final int RECLAIM_ONE_IN = 64;

    private final Owned[] table;
    /**
     * The id of each slot's owner, written before the slot: {@link #mine} checks it instead of the
     * cache's owner field, so the check does not wait for the cache's load. Thread ids are never
     * reused, and only a thread itself puts its id here, so a match proves the slot is its own.
     */
    private final long[] owners;
    private final int mask;
    /** XORed with a thread's first slot to give its second, on the other half of the table. */
    private final int other;

    /** A table with {@link #slotsFor} slots for this machine. */
    public ThreadCaches() {
        this(slotsFor(Runtime.getRuntime().availableProcessors()));
    }

    ThreadCaches(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < 2) {
            throw new IllegalArgumentException("slots must be a power of two >= 2, got " + slots);
        }
        this.table = new Owned[slots];
        this.owners = new long[slots];
        java.util.Arrays.fill(owners, -1);
        this.mask = slots - 1;
        this.other = slots >>> 1;
    }

    /** The table size for {@code cores} cores: a power of two, 2 per core, from 8 to 256. */
    public static int slotsFor(int cores) {
        int wanted = Math.max(MIN_SLOTS, SLOTS_PER_CORE * Math.max(1, cores));
        return Math.min(MAX_SLOTS, Integer.highestOneBit(wanted - 1) << 1);
    }

    /** The number of slots, which bounds the number of caches. */
    public int slots() {
        return table.length;
    }

    /** The cache owned by {@code t} (the calling thread), or null if it has none. */
    @SuppressWarnings("unchecked") // only C is ever stored
    public C mine(Thread t) {
        // Sequential thread ids land on distinct slots, so threads made together (a thread pool)
        // rarely collide; plain reads are enough, since only t itself ever stores t's id and cache.
        long id = t.getId();
        int i = (int) id & mask;
        if (owners[i] == id) {
            return (C) table[i];
        }
        i ^= other;
        return owners[i] == id ? (C) table[i] : null;
    }

    /**
     * Gives the calling thread {@code t} a cache made by {@code make}, in one of its two slots if it
     * is empty or (now and then, see {@link #RECLAIM_ONE_IN}) held by a thread that has died, whose
     * cache then goes to {@code onDead} first. Returns null for a virtual thread, or when both slots
     * belong to live threads. Slow path: call it only when {@link #mine} returned null.
     */
    public C register(Thread t, Supplier<C> make, Consumer<? super C> onDead) {
        if (Threads.isVirtual(t)) {
            return null;
        }
        int first = (int) t.getId() & mask;
        int second = first ^ other;
        C c = claimEmpty(first, make);
        if (c == null) {
            c = claimEmpty(second, make);
        }
        if (c == null && ThreadLocalRandom.current().nextInt(RECLAIM_ONE_IN) == 0) {
            c = claimDead(first, make, onDead);
            if (c == null) {
                c = claimDead(second, make, onDead);
            }
        }
        return c;
    }

    private C claimEmpty(int slot, Supplier<C> make) {
        if (SLOT.getVolatile(table, slot) != null) {
            return null;
        }
        C c = make.get();
        if (!SLOT.compareAndSet(table, slot, null, c)) {
            return null;
        }
        owners[slot] = Thread.currentThread().getId(); // after the CAS made the slot ours; read only by us
        return c;
    }

    @SuppressWarnings("unchecked") // only C is ever stored
    private C claimDead(int slot, Supplier<C> make, Consumer<? super C> onDead) {
        Owned old = (Owned) SLOT.getVolatile(table, slot);
        if (old == null || old.owner.isAlive()) {
            return null;
        }
        C c = make.get();
        if (!SLOT.compareAndSet(table, slot, old, c)) {
            return null;
        }
        owners[slot] = Thread.currentThread().getId();
        onDead.accept((C) old); // ours alone now: its owner is dead and the slot no longer holds it
        return c;
    }

    /**
     * Removes the caches of threads that have died and passes each to {@code onDead}, which may
     * take everything in it: the owner's termination happens-before {@code isAlive()} returns
     * false, and the CAS that removes a cache makes one caller its only reader.
     */
    @SuppressWarnings("unchecked") // only C is ever stored
    public void reapDead(Consumer<? super C> onDead) {
        for (int i = 0; i < table.length; i++) {
            Owned c = (Owned) SLOT.getVolatile(table, i);
            if (c != null && !c.owner.isAlive() && SLOT.compareAndSet(table, i, c, null)) {
                onDead.accept((C) c); // the dead owner's id may stay in owners[i]: it never runs again
            }
        }
    }

    /**
     * Visits every cache in the table. The visitor may only read the caches of live owners, and
     * those reads are racy: an estimate, for messages and statistics.
     */
    @SuppressWarnings("unchecked") // only C is ever stored
    public void forEach(Consumer<? super C> visitor) {
        for (int i = 0; i < table.length; i++) {
            Owned c = (Owned) SLOT.getVolatile(table, i);
            if (c != null) {
                visitor.accept((C) c);
            }
        }
    }

    /** A cache: knows its owner, the only thread that may touch it while alive. */
    public abstract static class Owned {
        private final Thread owner = Thread.currentThread();

        /** Whether {@code t} owns this cache; for a release to check the cache a block was taken from. */
        public final boolean ownedBy(Thread t) {
            return owner == t;
        }

        /** Whether the owner has died, so that this cache may be taken by whoever removes it from the table. */
        public final boolean ownerDead() {
            return !owner.isAlive();
        }
    }
}
