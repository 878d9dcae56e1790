package dev.poolkit.commons;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.PoolException;
import dev.poolkit.spi.AbstractBlockPool;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.util.NoSuchElementException;

/**
 * The {@code commons} block pool: a Commons Pool {@link GenericObjectPool} whose factory hands out
 * the slab's blocks ({@link BlockFactory}), each made once, with {@code maxTotal = maxIdle =
 * capacity}. Acquire is a non-blocking {@code borrowObject()}, release is {@code returnObject()};
 * the base class does everything else (misuse checks, policy, stats, leaks).
 *
 * <p><b>Waiting: ours, not Commons Pool's.</b> The {@code ExhaustionPolicy} is not mapped onto
 * {@code blockWhenExhausted}/{@code maxWait}: Commons Pool is configured never to block, and
 * {@code acquire()} under {@code await(d)} parks on the base class's condition, which release
 * signals. The mapping cannot meet the contract: {@code GenericObjectPool.close()} wakes its
 * waiters by interrupting their threads, so a waiter cannot tell the pool closing (the contract:
 * {@code PoolClosedException}, interrupt status untouched) from a real interrupt
 * ({@code PoolInterruptedException}, interrupt status kept), and the thread would be left
 * interrupted or lose a real interrupt. It also measures the wait on the wall clock
 * ({@code Instant.now()}), which a clock step stretches or cuts, and takes its lock
 * interruptibly, so a non-blocking {@code tryAcquire} on an interrupted thread would throw.
 *
 * <p><b>Misuse.</b> Commons Pool's own signals (returning twice, returning a foreign object) cannot
 * fire for blocks: the base class refuses both first, with a CAS on the block's state and a look
 * at {@code block.pool()}, before a block reaches {@code returnObject}; no allocation either way.
 *
 * <p><b>Commons Pool features.</b> JMX, LIFO/FIFO and validation pass through
 * {@link CommonsOptions}. Two are refused for blocks, with a {@link PoolConfigException}: the
 * evictor (destroying an idle block frees nothing, its memory is part of the slab; and a block in
 * transit to the reserve could slip past a thread that is just starting to wait), and abandoned
 * tracking (Commons Pool would take a block back from a holder that may still write into it and
 * hand it to someone else: the double hand-out the contract forbids; {@code leakTracking(true)}
 * and {@code leaks()} find leaked blocks and where they were taken).
 */
final class CommonsBlockPool extends AbstractBlockPool {
    private final BlockFactory factory;
    private final GenericObjectPool<Block> commons;

    CommonsBlockPool(BlockPoolConfig config, CommonsOptions<Block> options) {
        // Settings first: a refused option should fail before the slab is allocated.
        this(config, options, commonsConfig(config, options));
    }

    private CommonsBlockPool(BlockPoolConfig config, CommonsOptions<Block> options, GenericObjectPoolConfig<Block> c) {
        super(CommonsBackend.NAME, config);
        this.factory = new BlockFactory(options.validator());
        for (int i = 0; i < config.capacity(); i++) {
            factory.reserve(block(i));
        }
        this.commons = new GenericObjectPool<>(factory, c);
        try {
            commons.addObjects(config.capacity()); // each block made once, up front: all free
        } catch (Exception e) {
            commons.close();
            throw new PoolException("Commons Pool could not take the blocks of " + describe(), e);
        }
    }

    /** Our settings over the user's; refuses the features a block pool cannot honour (see above). */
    private static GenericObjectPoolConfig<Block> commonsConfig(BlockPoolConfig config, CommonsOptions<Block> options) {
        if (options.abandoned() != null) {
            throw new PoolConfigException("abandoned-object tracking is refused for a block pool: Commons Pool"
                    + " would take a block back from a holder that may still write into it, and hand it to someone"
                    + " else. To find leaked blocks, build the BlockPoolConfig with leakTracking(true) and read"
                    + " BlockPool.leaks()");
        }
        GenericObjectPoolConfig<Block> c = options.poolConfig();
        if (c.getDurationBetweenEvictionRuns().compareTo(java.time.Duration.ZERO) > 0) {
            throw new PoolConfigException("Commons Pool's evictor is refused for a block pool (timeBetweenEvictionRuns "
                    + c.getDurationBetweenEvictionRuns() + "): evicting an idle block frees nothing, its memory is"
                    + " part of the slab. Leave timeBetweenEvictionRuns unset; eviction is for object pools");
        }
        c.setMaxTotal(config.capacity());
        c.setMaxIdle(config.capacity());
        c.setBlockWhenExhausted(false); // the ExhaustionPolicy decides, and we wait ourselves
        return c;
    }

    @Override
    protected Block pollFree() {
        if (commons.getNumIdle() == 0 && factory.reserveIsEmpty()) {
            return null; // nothing free: skip borrowObject, which would build an exception to say so
        }
        Block b = borrow();
        if (b != null) {
            observeInUse(config().capacity() - freeCount());
        }
        return b;
    }

    /** Idle in Commons Pool, plus any block a validator sent back to the reserve. */
    @Override
    protected int freeCount() {
        return commons.getNumIdle() + factory.reserveSize();
    }

    private Block borrow() {
        try {
            return commons.borrowObject();
        } catch (NoSuchElementException e) {
            return null; // another thread took the last block first, or a validator refused it
        } catch (InterruptedException e) {
            // Only when another thread was making a block from the reserve: we do not wait here.
            Thread.currentThread().interrupt();
            return null;
        } catch (IllegalStateException e) {
            throw Borrowing.closedWhileAcquiring(describe(), isClosed(), e);
        } catch (Exception e) {
            throw new PoolException("Commons Pool failed to hand out a block of " + describe(), e);
        }
    }

    @Override
    protected void pushFree(Block block) {
        try {
            commons.returnObject(block);
        } catch (IllegalStateException e) {
            // The base class has refused double and foreign releases already (see the class comment).
            throw new IllegalStateException("Commons Pool refused " + block + " of " + describe() + " after the"
                    + " misuse checks passed; this is a bug, please report it", e);
        }
    }

    @Override
    protected void onClose() {
        commons.close(); // stops the JMX registration
    }

    /** The Commons Pool behind this pool; for tests. */
    GenericObjectPool<Block> commons() {
        return commons;
    }
}
