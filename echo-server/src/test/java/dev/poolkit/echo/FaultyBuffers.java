package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolStats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A scriptable failing {@link BufferSource} around the real one: the next N leases throw (before
 * leasing anything), or the next N give-backs throw (after giving the buffer back, so nothing
 * leaks and only the failure is under test). Pass {@link #wrap} to {@code EchoServer.start}.
 */
final class FaultyBuffers implements BufferSource {
    /** Fail every time from now on. */
    static final int ALWAYS = Integer.MAX_VALUE;

    private volatile BufferSource delegate;
    private final AtomicInteger leaseFaults = new AtomicInteger();
    private final AtomicInteger giveBackFaults = new AtomicInteger();
    private final AtomicInteger thrown = new AtomicInteger();
    private volatile Supplier<? extends Throwable> leaseFault;
    private volatile Supplier<? extends Throwable> giveBackFault;

    BufferSource wrap(BufferSource real) {
        delegate = real;
        return this;
    }

    /** The next {@code times} leases throw what {@code fault} makes. */
    FaultyBuffers failLeases(int times, Supplier<? extends Throwable> fault) {
        leaseFault = fault;
        leaseFaults.set(times);
        return this;
    }

    /** The next {@code times} give-backs return the buffer, then throw what {@code fault} makes. */
    FaultyBuffers failGiveBacks(int times, Supplier<? extends Throwable> fault) {
        giveBackFault = fault;
        giveBackFaults.set(times);
        return this;
    }

    /** No more faults. */
    void heal() {
        leaseFaults.set(0);
        giveBackFaults.set(0);
    }

    /** Faults thrown so far. */
    int thrown() {
        return thrown.get();
    }

    private void maybeThrow(AtomicInteger left, Supplier<? extends Throwable> fault) {
        if (left.getAndUpdate(n -> n == 0 ? 0 : n == ALWAYS ? n : n - 1) > 0) {
            thrown.incrementAndGet();
            Throwable t = fault.get();
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw (RuntimeException) t;
        }
    }

    @Override
    public boolean lease(Connection c) {
        maybeThrow(leaseFaults, leaseFault);
        return delegate.lease(c);
    }

    @Override
    public void giveBack(Connection c) {
        delegate.giveBack(c);
        maybeThrow(giveBackFaults, giveBackFault);
    }

    @Override
    public void spill(Connection c) {
        delegate.spill(c);
    }

    @Override
    public boolean scarce() {
        return delegate.scarce();
    }

    @Override
    public BlockPool pool() {
        return delegate.pool();
    }

    @Override
    public PoolStats stats() {
        return delegate.stats();
    }

    @Override
    public long outstanding() {
        return delegate.outstanding();
    }

    @Override
    public String describeOutstanding() {
        return delegate.describeOutstanding();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
