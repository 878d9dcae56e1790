package dev.poolkit.internal;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;

import java.nio.ByteBuffer;

/**
 * The pool's side of a {@link Block}: its lease word and the leak site.
 * {@code Block} keeps these package-private so that users see only the handle; it hands this
 * accessor to the pool layer through {@link Blocks} when its class initialises. Reached through a
 * {@code static final} field, so the JIT inlines every call: no cost over a direct field access.
 *
 * <p>The lease word is {@code leases << 1 | inUse}: one {@code long} says both whether the block is
 * out and how many times it has been handed out. The holder of a block is its only writer (the
 * acquirer after taking it from the free set, the releaser through one CAS), so counting leases
 * costs nothing beyond the store that marks the block in use, and statistics are read off the
 * blocks themselves instead of shared counters.
 */
public interface BlockAccess {

    /** A handle for block {@code index} of {@code pool}'s slab, or {@code -1} for an unpooled block. */
    Block newBlock(int index, ByteBuffer buffer, BlockPool pool);

    /**
     * free2inUse: the caller has just taken {@code b} out of the free set, so no other thread can
     * see it; adds one lease and marks it in use, with release semantics, so that whatever the
     * caller wrote into the block's metadata first (the leak site) is visible to a thread that
     * reads the word with acquire semantics. A block already in use (claimed by {@link #claim})
     * is left as it is.
     */
    void lease(Block b);

    /**
     * free2inUse by CAS, for a free block that stays reachable by other threads while free (one in
     * a {@link BlockHomes} slot): true iff this call leased it. {@link #lease} then leaves the
     * word as it is.
     */
    boolean claim(Block b);

    /** The block's home slot in its pool's {@link BlockHomes}, or -1 if it has none. */
    int home(Block b);

    /** Gives the block its home slot: only while the block is free and no other thread can reach it. */
    void home(Block b, int slot);

    /** inUse2free by CAS: true iff this call ended the lease, false iff the block was already free. */
    boolean endLease(Block b);

    /** inUse2free for a caller holding the one lock that orders every release of this block's pool. */
    boolean endLeaseLocked(Block b);

    /** The lease word, read with acquire semantics. */
    long word(Block b);

    void acquireSite(Block b, Throwable site);

    Throwable acquireSite(Block b);

    /** Puts the buffer back to what the next holder is promised: position 0, limit blockSize, big-endian. */
    void resetBuffer(Block b);
}
