package dev.poolkit.commons;

import dev.poolkit.api.Block;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import org.apache.commons.pool2.impl.DefaultPooledObject;

import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Commons Pool's factory for a block pool: "making" a block hands over one of the slab's blocks,
 * "destroying" one takes it back. A block cannot be made or freed for real (its memory is part of
 * the slab), so the blocks Commons Pool does not hold wait in a reserve. The pool starts by making
 * every block once; after that the reserve stays empty unless a validator rejects a block, which
 * Commons Pool then destroys (into the reserve) and remakes on demand.
 */
final class BlockFactory implements PooledObjectFactory<Block> {
    private final Queue<Block> reserve = new ConcurrentLinkedQueue<>();
    private final Predicate<? super Block> validator;

    BlockFactory(Predicate<? super Block> validator) {
        this.validator = validator;
    }

    /** Puts a block of the slab at Commons Pool's disposal. */
    void reserve(Block block) {
        reserve.add(block);
    }

    /** Whether no block waits in the reserve; a cheap read for the acquire path. */
    boolean reserveIsEmpty() {
        return reserve.isEmpty();
    }

    /** Blocks in the reserve; for the free count (ConcurrentLinkedQueue.size walks it, but it is nearly always empty). */
    int reserveSize() {
        return reserve.size();
    }

    @Override
    public PooledObject<Block> makeObject() {
        Block b = reserve.poll();
        if (b == null) {
            // maxTotal = capacity keeps Commons Pool from asking for more blocks than exist, so
            // this means a make raced another for the last reserved block: report "none free".
            throw new NoSuchElementException("no block left in the reserve");
        }
        return new DefaultPooledObject<>(b);
    }

    @Override
    public void destroyObject(PooledObject<Block> p) {
        // Commons Pool destroys only blocks it holds idle or has just polled for a borrower (a
        // validator said no); no holder can touch them, so they may be handed out again.
        reserve.add(p.getObject());
    }

    @Override
    public boolean validateObject(PooledObject<Block> p) {
        try {
            return validator.test(p.getObject());
        } catch (RuntimeException e) {
            return false; // as Commons Pool itself treats a validator that throws on borrow
        }
    }

    @Override
    public void activateObject(PooledObject<Block> p) {
        // The base class resets the buffer on release; nothing to do when it is handed out.
    }

    @Override
    public void passivateObject(PooledObject<Block> p) {
        // Nothing: the base class has already reset the buffer when the block reaches Commons Pool.
    }
}
