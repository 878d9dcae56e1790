package dev.poolkit.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared half of every {@link BlockPool} backend: the slab, the block handles and their
 * in-use state, the misuse checks, the exhaustion policies, statistics, leak reports and close.
 * A backend supplies only its free set: {@link #pollFree} and {@link #pushFree}, plus its
 * per-thread state if it wants one. That is what makes the backends interchangeable: the meaning
 * of every public method is fixed here, once.
 *
 * <p>Backend rules: the constructor must put every block of {@link #block(int)} into the free set;
 * {@code pollFree} and {@code pushFree} must be thread-safe and linearizable, and must use a lock,
 * CAS or volatile access (so a waiter cannot miss a release; see {@link Waiters}); a block given
 * to {@code pushFree} must come out of {@code pollFree} exactly once.
 *
 * @param <S> the backend's per-thread state ({@link PoolThreadState} itself if it needs none)
 */
public abstract class AbstractBlockPool<S extends PoolThreadState> implements BlockPool {
    private static final System.Logger LOG = System.getLogger(BlockPool.class.getName());
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(AbstractBlockPool.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String backend;
    private final BlockPoolConfig config;
    private final Block[] blocks;
    private final boolean leakTracking;
    private final ThreadStates<S> threads;
    private final Waiters waiters = new Waiters();
    private volatile boolean closed;

    protected AbstractBlockPool(String backend, BlockPoolConfig config) {
        this.backend = backend;
        this.config = config;
        this.leakTracking = config.leakTracking();
        this.blocks = Slab.carve(config, this);
        this.threads = new ThreadStates<>(this::newThreadState, this::onThreadRetired);
    }

    // ---------------------------------------------------------------- backend hooks

    /** A new state for the calling thread; called once per thread, on its first use of the pool. */
    protected abstract S newThreadState();

    /**
     * Removes and returns a free block, or null iff the free set is empty (for a backend with
     * per-thread caches: empty as far as this thread can see). Must not block.
     */
    protected abstract Block pollFree(S thread);

    /** Adds a block that has just become free. Must not block for long and must not fail. */
    protected abstract void pushFree(S thread, Block block);

    /**
     * Marks an in-use pooled block free, resets it ({@link #resetForReuse}) and adds it to the free
     * set; or returns false, changing nothing (not even the buffer), iff the block is already free
     * (a double release). The default is a CAS on the block's state, then the reset, then
     * {@link #pushFree}: safe whatever the free set. A backend that guards its free set with one
     * lock may override it to do all three under that lock with {@link #markFreeUnderLock},
     * saving the CAS (one atomic instruction, about 4.5 ns on our reference machine).
     */
    protected boolean freeAndPush(S thread, Block block) {
        if (!block.inUse2free()) {
            return false;
        }
        resetForReuse(block);
        pushFree(thread, block);
        return true;
    }

    /**
     * Resets a block for its next holder (buffer position, limit, byte order and mark; the leak
     * site). Only for the caller that has just won the block's in-use to free transition and has
     * not yet made it available: before that, the block may belong to someone else.
     */
    protected static void resetForReuse(Block block) {
        block.acquireSite(null);
        block.resetBuffer();
    }

    /**
     * Wakes up to {@code n} threads parked in {@link #awaitFree}: for a backend that made several
     * blocks visible at once (e.g. flushed a per-thread cache), since {@link #release} wakes one.
     */
    protected final void wakeWaiters(int n) {
        if (n > 0 && waiters.any()) {
            waiters.signal(n);
        }
    }

    /**
     * Free blocks this thread cannot see right now (held in other threads' caches), for the
     * exhaustion message; 0 for a backend whose free set is shared. An estimate is fine.
     */
    protected int freeButHidden() {
        return 0;
    }

    /**
     * For {@link #freeAndPush} overrides that hold the lock guarding every release of this pool:
     * marks the block free and returns true, or returns false iff it was already free. Plain
     * reads and writes; only correct under that lock.
     */
    protected static boolean markFreeUnderLock(Block block) {
        return block.inUse2freeLocked();
    }

    /**
     * Called once for each state whose thread has died, after its counters were folded into the
     * pool's retired totals: the place to take back whatever the thread cached. Runs on whichever
     * thread notices, outside any pool lock; an exception is logged, not propagated.
     */
    protected void onThreadRetired(S thread) {
    }

    /**
     * Called once by the first {@link #close()}, after waiters were woken: the place to release
     * what the free set holds outside the JVM's reach (Commons Pool's JMX registration). Must not
     * throw.
     */
    protected void onClose() {
    }

    /**
     * Waits up to {@code nanos} for {@link #pollFree} to succeed, for {@link ExhaustionPolicy#await}.
     * The default parks on a condition signalled by {@link #release}; override only if the free
     * set has its own blocking wait. Returns null when the time is up.
     */
    protected Block awaitFree(S thread, long nanos) {
        return waiters.await(() -> pollFree(thread), nanos, () -> closed, this::describe);
    }

    // ---------------------------------------------------------------- for backends

    /** The handle of block {@code index}, 0 to capacity - 1. */
    protected final Block block(int index) {
        return blocks[index];
    }

    /** Whether some thread is parked in {@link #awaitFree}: a backend that caches releases per
     * thread should then make them visible to everyone instead. */
    protected final boolean hasWaiters() {
        return waiters.any();
    }

    /** Retires the states of dead threads now (calling {@link #onThreadRetired} for each). */
    protected final void reclaimDeadThreads() {
        threads.retireDead();
    }

    /** Visits the state of every live thread that has used this pool. Slow; for slow paths only. */
    protected final void forEachThreadState(java.util.function.Consumer<S> visitor) {
        threads.forEachLive(visitor);
    }

    // ---------------------------------------------------------------- BlockPool

    @Override
    public final Block acquire() {
        S t = threads.current();
        ensureOpen();
        Block b = pollFree(t);
        return b != null ? handOut(t, b) : acquireSlow(t);
    }

    @Override
    public final Block tryAcquire() {
        S t = threads.current();
        ensureOpen();
        Block b = pollFree(t);
        if (b == null) {
            t.countExhaustion();
            return null;
        }
        return handOut(t, b);
    }

    @Override
    public final void release(Block block) {
        if (block == null) {
            throw new NullReleaseException("release(null) on " + describe() + ": you most likely released the"
                    + " result of a failed or skipped acquire (tryAcquire() returns null when the pool is empty),"
                    + " or a field that was already cleared");
        }
        if (block.pool() != this) {
            throw foreign(block);
        }
        S t = threads.current();
        if (closed) {
            throw new PoolClosedException("release of " + block + " into " + describe() + " after close(): the"
                    + " pool is closed and the block stays counted as leaked; release blocks before closing the pool");
        }
        if (!block.isPooled()) {
            releaseUnpooled(t, block);
            return;
        }
        if (!freeAndPush(t, block)) {
            throw doubleRelease(block);
        }
        t.countRelease();
        if (waiters.any()) {
            waiters.signal(1);
        }
    }

    private void releaseUnpooled(S t, Block block) {
        if (!block.inUse2free()) {
            throw doubleRelease(block);
        }
        resetForReuse(block);
        t.countRelease();
        t.countDiscard();
    }

    private DoubleReleaseException doubleRelease(Block block) {
        return new DoubleReleaseException(block + " was released into " + describe() + " while already free:"
                + " you most likely called release() twice for one acquire() (or released a copy of a handle"
                + " you had already released); the pool is unchanged");
    }

    private Block handOut(S t, Block b) {
        assert !b.isInUse() : "backend " + backend + " handed out " + b + " twice";
        b.free2inUse();
        threads.acquired(t);
        if (leakTracking) {
            b.acquireSite(new LeakSite(b, Thread.currentThread()));
        }
        return b;
    }

    /** The exhaustion policy: off the fast path so that {@link #acquire()} stays small enough to inline. */
    private Block acquireSlow(S t) {
        t.countExhaustion();
        ExhaustionPolicy policy = config.exhaustion();
        switch (policy.kind()) {
            case UNPOOLED:
                t.countMiss();
                return handOut(t, Slab.unpooled(config, this));
            case WAIT:
                long start = System.nanoTime();
                Block b = awaitFree(t, policy.maxWait().toNanos());
                if (b != null) {
                    return handOut(t, b);
                }
                throw exhausted(System.nanoTime() - start);
            case FAIL:
            default:
                throw exhausted(-1);
        }
    }

    private PoolExhaustedException exhausted(long waitedNanos) {
        PoolStats s = stats();
        String waited = waitedNanos < 0 ? "failing at once" : "after waiting " + waitedNanos / 1_000_000 + " ms";
        int hidden = freeButHidden();
        String cached = hidden <= 0 ? "" : " (" + hidden + " more are free but cached by other threads, which"
                + " hand them back when they next release while someone waits, or when they end)";
        return new PoolExhaustedException(describe() + " is exhausted " + waited + " (policy "
                + config.exhaustion() + "): capacity " + config.capacity() + " blocks, " + s.inUse()
                + " in use" + cached + ". Release blocks sooner (a leak? see leaks()), raise the capacity, wait"
                + " longer with ExhaustionPolicy.await, or allow ExhaustionPolicy.unpooled()");
    }

    private ForeignObjectException foreign(Block block) {
        String owner = block.pool() instanceof AbstractBlockPool
                ? ((AbstractBlockPool<?>) block.pool()).describe() : String.valueOf(block.pool());
        return new ForeignObjectException(block + " belongs to " + owner + ", not to " + describe()
                + ": you most likely released it into the wrong pool; release it into block.pool()");
    }

    private void ensureOpen() {
        if (closed) {
            throw new PoolClosedException(describe() + " is closed: you most likely acquired after close(),"
                    + " e.g. from a task still running during shutdown");
        }
    }

    @Override
    public final BlockPoolConfig config() {
        return config;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final PoolStats stats() {
        return threads.snapshot();
    }

    @Override
    public final LeakReport leaks() {
        List<LeakReport.Leak> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.isInUse()) {
                out.add(new LeakReport.Leak(b.index(), b.acquireSite()));
            }
        }
        long unpooledOut = Math.max(0, stats().inUse() - out.size());
        return new LeakReport(describe(), out, unpooledOut);
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        waiters.signalAll();
        onClose();
        LeakReport leaks = leaks();
        if (!leaks.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "closed with leaks: " + leaks.describe());
        }
    }

    /** Backend, geometry and identity, for messages. */
    public final String describe() {
        return "BlockPool '" + backend + "'@" + Integer.toHexString(System.identityHashCode(this)) + " ("
                + config.capacity() + " x " + config.blockSize() + " B)";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The stack of the acquire that took a block, kept when leak tracking is on. */
    private static final class LeakSite extends Throwable {
        private static final long serialVersionUID = 1L;

        LeakSite(Block b, Thread thread) {
            super("block #" + b.index() + " acquired by thread '" + thread.getName() + "'");
        }
    }
}
