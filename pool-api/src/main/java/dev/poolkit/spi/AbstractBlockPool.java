package dev.poolkit.spi;

import dev.poolkit.api.Block;
import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.BlockTap;
import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.ForeignThreadException;
import dev.poolkit.api.LeakReport;
import dev.poolkit.api.NullReleaseException;
import dev.poolkit.api.PoolClosedException;
import dev.poolkit.api.PoolExhaustedException;
import dev.poolkit.api.PoolStats;
import dev.poolkit.api.WaitStats;
import dev.poolkit.internal.BlockAccess;
import dev.poolkit.internal.BlockPoolJmx;
import dev.poolkit.internal.Blocks;
import dev.poolkit.internal.PoolJmx;
import dev.poolkit.internal.Slab;
import dev.poolkit.internal.Waiters;
import dev.poolkit.internal.jfr.Events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.management.ObjectName;

/**
 * The shared half of every {@link BlockPool} backend: the slab, the block handles and their lease
 * words, the misuse checks, the exhaustion policies, statistics, leak reports and close. A backend
 * supplies only its free set: {@link #pollFree} and {@link #pushFree}. The meaning of every public
 * method is fixed here, once, which is what makes the backends interchangeable; the hot path is
 * the backend's, and this layer adds to it no lookup, no shared counter and one atomic instruction
 * per pair (the release's CAS that refuses a double release, which a lock-based backend may fold
 * into its lock: {@link #freeAndPush}).
 *
 * <p>Backend rules: the constructor must put every block of {@link #block(int)} into the free set;
 * {@code pollFree} and {@code pushFree} must be thread-safe and linearizable and must use a lock,
 * CAS or volatile access (so a waiter cannot miss a release; see {@link Waiters}); a block given to
 * {@code pushFree} must come out of {@code pollFree} exactly once; {@code pollFree} should report
 * the blocks in use after each take with {@link #observeInUse}, which keeps the high-water mark.
 * With {@link BlockPoolConfig#jmxName()} set, this constructor registers the pool's MXBean as its
 * last step, so a backend's constructor must not fail after it returns (or must close the pool
 * before it throws): the name would stay taken.
 */
public abstract class AbstractBlockPool extends AbstractPool<BlockPoolConfig> implements BlockPool {
    private static final System.Logger LOG = System.getLogger(BlockPool.class.getName());
    private static final BlockAccess BLOCKS = Blocks.access();

    private final Block[] blocks;
    private final boolean leakTracking;
    private final Waiters waiters = new Waiters();
    // Slow paths only: a failed take, an unpooled block. LongAdder, so a storm of failed
    // tryAcquire calls on several threads does not turn one counter into the bottleneck.
    private final LongAdder exhaustions = new LongAdder();
    private final LongAdder unpooledAcquires = new LongAdder();
    private final LongAdder unpooledReleases = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    /** The MXBean's name while registered ({@link BlockPoolConfig#jmxName()}), else null. */
    private final ObjectName jmx;

    // The block handles keep a reference to their pool; none is used before the constructors finish.
    @SuppressWarnings("this-escape")
    protected AbstractBlockPool(String backend, BlockPoolConfig config) {
        super(backend, config);
        this.leakTracking = config.leakTracking();
        PoolJmx.checkAvailable(config.jmxName()); // before the slab: a name clash costs no memory
        this.blocks = Slab.carve(config, this);
        Events.register(this);
        // Last, so the bean never sees a pool without its blocks. A backend's constructor must not
        // fail after this one returns, or the name stays registered (see the class comment).
        this.jmx = PoolJmx.register(config.jmxName(), "BlockPool",
                new BlockPoolJmx(config.jmxName().orElse(null), this));
    }

    // ---------------------------------------------------------------- backend hooks

    /**
     * Removes and returns a free block, or null iff the free set is empty (for a backend with
     * per-thread caches: empty as far as this thread can see). Must not block.
     */
    protected abstract Block pollFree();

    /** Adds a block that has just become free (already reset). Must not block for long and must not fail. */
    protected abstract void pushFree(Block block);

    /**
     * Marks an in-use pooled block free, resets it ({@link #resetForReuse}) and adds it to the free
     * set; or returns false, changing nothing (not even the buffer), iff the block is already free
     * (a double release). The default is a CAS on the block's lease word, then the reset, then
     * {@link #pushFree}: safe whatever the free set. A backend that guards its free set with one
     * lock may override it to do all three under that lock with {@link #markFreeUnderLock},
     * which needs no atomic instruction of its own.
     */
    protected boolean freeAndPush(Block block) {
        if (!markFree(block)) {
            return false;
        }
        resetForReuse(block);
        pushFree(block);
        return true;
    }

    /**
     * Free blocks right now, as this backend can tell cheaply (an estimate is fine): for the
     * exhaustion message and the high-water mark of unpooled hand-outs. Slow paths only.
     */
    protected abstract int freeCount();

    /**
     * Free blocks this thread cannot see right now (held in other threads' caches), for the
     * exhaustion message; 0 for a backend whose free set is shared. An estimate is fine.
     */
    protected int freeButHidden() {
        return 0;
    }

    /**
     * How often a thread waiting under {@link ExhaustionPolicy#await} looks again without being
     * signalled: for a backend where blocks can become free without a release (the cache of a
     * thread that died). {@code Long.MAX_VALUE}, the default, for a backend where only a release
     * frees a block.
     */
    protected long waiterRecheckNanos() {
        return Long.MAX_VALUE;
    }

    /**
     * Called once by the first {@link #close()}, after waiters were woken: the place to release
     * what the free set holds outside the JVM's reach (Commons Pool's JMX registration). Must not
     * throw.
     */
    protected void onClose() {
    }

    // ---------------------------------------------------------------- for backends

    /** The handle of block {@code index}, 0 to capacity - 1. */
    protected final Block block(int index) {
        return blocks[index];
    }

    /**
     * Tells the pool that at least {@code inUse} blocks are out right now; raises the high-water
     * mark if that is a new high. Cheap when it is not (one read of a field that rarely changes),
     * so {@code pollFree} calls it after every take with the count it can see at the least cost.
     */
    protected final void observeInUse(long inUse) {
        raiseHighWater(inUse);
    }

    /** Whether some thread is waiting in {@code acquire()}: a backend that caches releases per
     * thread should then make them visible to everyone instead. */
    protected final boolean hasWaiters() {
        return waiters.any();
    }

    /**
     * Wakes up to {@code n} threads waiting in {@code acquire()}: for a backend that made blocks
     * visible beyond the one {@link #release} itself signals for (e.g. flushed a per-thread cache).
     */
    protected final void wakeWaiters(int n) {
        if (n > 0 && waiters.any()) {
            waiters.signal(n);
        }
    }

    /**
     * For {@link #freeAndPush} (and {@link ThreadTap#freeAndPushHere}) overrides: marks an in-use
     * block free with one CAS and returns true, or returns false iff it was already free (a double
     * release, or a release racing another release of the same block), changing nothing.
     */
    protected static boolean markFree(Block block) {
        return BLOCKS.endLease(block);
    }

    /**
     * For {@link #freeAndPush} overrides that hold the lock guarding every release of this pool:
     * marks the block free and returns true, or returns false iff it was already free. No atomic
     * instruction; only correct under that lock.
     */
    protected static boolean markFreeUnderLock(Block block) {
        return BLOCKS.endLeaseLocked(block);
    }

    /**
     * Resets a block for its next holder (buffer position, limit and byte order; the leak site).
     * Only for the caller that has just won the block's in-use to free transition and has not yet
     * made it available: before that, the block may belong to someone else.
     */
    protected final void resetForReuse(Block block) {
        if (leakTracking) {
            BLOCKS.acquireSite(block, null);
        }
        BLOCKS.resetBuffer(block);
    }

    // ---------------------------------------------------------------- BlockPool

    @Override
    public final Block acquire() {
        ensureOpen();
        Block b = pollFree();
        return b != null ? handOut(b) : acquireSlow();
    }

    @Override
    public final Block tryAcquire() {
        ensureOpen();
        Block b = pollFree();
        return b != null ? handOut(b) : noneFree();
    }

    /** A tryAcquire that found nothing: counted, and recorded when a recording runs. */
    private Block noneFree() {
        exhaustions.increment();
        Events.exhausted(this);
        return null;
    }

    @Override
    public final void release(Block block) {
        if (!admitRelease(block)) {
            return;
        }
        if (!freeAndPush(block)) {
            throw doubleRelease(block);
        }
        if (waiters.any()) {
            waiters.signal(1);
        }
    }

    /**
     * The checks every release makes before it changes anything: true for a pooled block of this
     * open pool, which the caller then frees; false for an unpooled block, released here.
     */
    private boolean admitRelease(Block block) {
        if (block == null) {
            throw new NullReleaseException("release(null) on " + describe() + ": you most likely released the"
                    + " result of a failed or skipped acquire (tryAcquire() returns null when the pool is empty),"
                    + " or a field that was already cleared");
        }
        if (block.pool() != this) {
            throw foreign(block);
        }
        if (isClosed()) {
            throw new PoolClosedException("release of " + block + " into " + describe() + " after close(): the"
                    + " pool is closed and the block stays counted as leaked; release blocks before closing the pool");
        }
        if (!block.isPooled()) {
            releaseUnpooled(block);
            return false;
        }
        return true;
    }

    /**
     * A tap for the calling thread. This default goes through the pool's own hot path with an owner
     * check in front, so every backend's taps refuse other threads alike; a backend with per-thread
     * caches overrides it to return a {@link ThreadTap} that holds the caller's cache.
     */
    @Override
    public BlockTap tap() {
        return new ThreadTap();
    }

    private void releaseUnpooled(Block block) {
        if (!BLOCKS.endLease(block)) {
            throw doubleRelease(block);
        }
        resetForReuse(block);
        unpooledReleases.increment();
    }

    private DoubleReleaseException doubleRelease(Block block) {
        return new DoubleReleaseException(block + " was released into " + describe() + " while already free:"
                + " you most likely called release() twice for one acquire() (or released a copy of a handle"
                + " you had already released); the pool is unchanged");
    }

    private Block handOut(Block b) {
        if (leakTracking) {
            // Before the lease: its release store publishes the site to leaks().
            BLOCKS.acquireSite(b, new LeakSite(b, Thread.currentThread()));
        }
        BLOCKS.lease(b);
        return b;
    }

    /** The exhaustion policy: off the fast path so that {@link #acquire()} stays small enough to inline. */
    private Block acquireSlow() {
        exhaustions.increment();
        Events.exhausted(this);
        ExhaustionPolicy policy = config().exhaustion();
        switch (policy.kind()) {
            case UNPOOLED:
                return handOutUnpooled();
            case WAIT:
                long start = System.nanoTime();
                Object waitEvent = Events.beginWait();
                Block b = null;
                try {
                    b = waiters.await(this::pollFree, policy.maxWait().toNanos(), waiterRecheckNanos(),
                            this::isClosed, this::describe);
                } finally {
                    waits.increment();
                    waitNanos.add(System.nanoTime() - start);
                    Events.endWait(waitEvent, this, b != null);
                }
                if (b != null) {
                    return handOut(b);
                }
                throw exhausted(System.nanoTime() - start);
            case FAIL:
            default:
                throw exhausted(-1);
        }
    }

    private Block handOutUnpooled() {
        Block b = handOut(Slab.unpooled(config(), this));
        unpooledAcquires.increment();
        Events.unpooled(this, config().blockSize());
        // Every pooled block that is not free is out, and so is every unpooled one not yet back.
        observeInUse(config().capacity() - freeCount() + unpooledOut(unpooledAcquires.sum()));
        return b;
    }

    private long unpooledOut(long acquiredSoFar) {
        return Math.max(0, acquiredSoFar - unpooledReleases.sum());
    }

    private PoolExhaustedException exhausted(long waitedNanos) {
        String waited = waitedNanos < 0 ? "failing at once" : "after waiting " + waitedNanos / 1_000_000 + " ms";
        int hidden = freeButHidden();
        String cached = hidden <= 0 ? "" : " (" + hidden + " more are free but cached by other threads, which"
                + " hand them back when they next release while someone waits, or when they end)";
        return new PoolExhaustedException(describe() + " is exhausted " + waited + " (policy "
                + config().exhaustion() + "): capacity " + config().capacity() + " blocks, " + stats().inUse()
                + " in use" + cached + ". Release blocks sooner (a leak? see leaks()), raise the capacity, wait"
                + " longer with ExhaustionPolicy.await, or allow ExhaustionPolicy.unpooled()");
    }

    private ForeignObjectException foreign(Block block) {
        return new ForeignObjectException(block + " belongs to " + block.pool() + ", not to " + describe()
                + ": you most likely released it into the wrong pool; release it into block.pool()");
    }

    private void ensureOpen() {
        if (isClosed()) {
            throw new PoolClosedException(describe() + " is closed: you most likely acquired after close(),"
                    + " e.g. from a task still running during shutdown");
        }
    }

    /**
     * Reads every block's lease word (O(capacity)), and the unpooled counters around them in the
     * order that can only understate what is out: acquires before releases. See {@link PoolStats}
     * for what a snapshot taken during traffic means.
     */
    @Override
    public final PoolStats stats() {
        long unpooledAcquired = unpooledAcquires.sum(); // acquires first, releases last
        long leases = 0;
        long pooledOut = 0;
        for (Block b : blocks) {
            long w = BLOCKS.word(b);
            leases += w >>> 1;
            pooledOut += w & 1;
        }
        long unpooledReleased = Math.min(unpooledReleases.sum(), unpooledAcquired);
        long inUse = pooledOut + unpooledAcquired - unpooledReleased;
        observeInUse(inUse); // so that no snapshot shows more in use than the high-water mark
        return new PoolStats(leases + unpooledAcquired, leases - pooledOut + unpooledReleased, unpooledAcquired,
                exhaustions.sum(), unpooledReleased, inUse, highWater());
    }

    @Override
    public final WaitStats waits() {
        return new WaitStats(waits.sum(), waitNanos.sum());
    }

    /** Exact once every thread that released has returned from release; see {@link LeakReport}. */
    @Override
    public final LeakReport leaks() {
        long unpooledAcquired = unpooledAcquires.sum();
        List<LeakReport.Leak> out = new ArrayList<>();
        for (Block b : blocks) {
            long w = BLOCKS.word(b); // acquire: the site written before this lease is visible
            if ((w & 1) != 0) {
                Throwable site = leakTracking ? BLOCKS.acquireSite(b) : null;
                out.add(new LeakReport.Leak(b.index(), site));
            }
        }
        return new LeakReport(describe(), out, unpooledOut(unpooledAcquired));
    }

    @Override
    public final void close() {
        if (!markClosed()) {
            return;
        }
        waiters.signalAll();
        PoolJmx.unregister(jmx);
        onClose();
        Events.closed(this);
        LeakReport leaks = leaks();
        if (!leaks.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "closed with leaks: " + leaks.describe());
        }
    }

    @Override
    public final String describe() {
        return "BlockPool '" + backend() + "'@" + Integer.toHexString(System.identityHashCode(this)) + " ("
                + config().capacity() + " x " + config().blockSize() + " B)";
    }

    /**
     * A tap bound to the thread that made it: the pool's acquire and release with the same checks,
     * policies and statistics, after an owner check, over {@link #pollFreeHere} and
     * {@link #freeAndPushHere}, which a backend overrides to use what it found for that thread
     * once (its cache) instead of looking it up on every call.
     */
    protected class ThreadTap implements BlockTap {
        private final Thread owner = Thread.currentThread();

        /** A tap for the calling thread, its owner. */
        protected ThreadTap() {
        }

        /** Like {@link #pollFree()}, on the owner's thread. */
        protected Block pollFreeHere() {
            return pollFree();
        }

        /** Like {@link #freeAndPush(Block)}, on the owner's thread. */
        protected boolean freeAndPushHere(Block block) {
            return freeAndPush(block);
        }

        @Override
        public final Block acquire() {
            checkOwner();
            ensureOpen();
            Block b = pollFreeHere();
            return b != null ? handOut(b) : acquireSlow();
        }

        @Override
        public final Block tryAcquire() {
            checkOwner();
            ensureOpen();
            Block b = pollFreeHere();
            return b != null ? handOut(b) : noneFree();
        }

        @Override
        public final void release(Block block) {
            checkOwner();
            if (!admitRelease(block)) {
                return;
            }
            if (!freeAndPushHere(block)) {
                throw doubleRelease(block);
            }
            if (waiters.any()) {
                waiters.signal(1);
            }
        }

        private void checkOwner() {
            if (Thread.currentThread() != owner) {
                throw new ForeignThreadException("a tap of " + describe() + " made by thread '" + owner.getName()
                        + "' was used by thread '" + Thread.currentThread().getName() + "': a tap belongs to the"
                        + " thread that called tap(); you most likely shared one between threads (a field of a"
                        + " shared object?). Call pool.tap() on each thread, or call the pool itself");
            }
        }

        @Override
        public String toString() {
            return "tap of " + describe() + " for thread '" + owner.getName() + "'";
        }
    }

    /** The stack of the acquire that took a block, kept when leak tracking is on. */
    private static final class LeakSite extends Throwable {
        private static final long serialVersionUID = 1L;

        LeakSite(Block b, Thread thread) {
            super("block #" + b.index() + " acquired by thread '" + thread.getName() + "'");
        }
    }
}
