package dev.poolkit.commons;

import dev.poolkit.api.DoubleReleaseException;
import dev.poolkit.api.ForeignObjectException;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.PoolException;
import dev.poolkit.api.PoolMisuseException;
import dev.poolkit.spi.AbstractObjectPool;
import org.apache.commons.pool2.DestroyMode;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import org.apache.commons.pool2.PooledObjectState;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@code commons} object pool: a Commons Pool {@link GenericObjectPool} with unbounded total
 * and our {@code maxIdle}, whose {@link PooledObjectFactory} is our config: {@code makeObject}
 * calls the factory, {@code passivateObject} runs the reset, {@code destroyObject} tells onDiscard.
 * Acquire is {@code borrowObject()}, release is {@code returnObject()}.
 *
 * <p><b>Release order.</b> {@code returnObject} first claims the object under Commons Pool's
 * per-object lock: an object it holds idle is refused ("already returned"), one it never made too
 * ("not part of this pool"). Only then does it passivate (our reset) and keep or destroy the
 * object. So we let it run the whole release ({@code resetAndOffer}), and turn its refusals into
 * our {@link DoubleReleaseException} and {@link ForeignObjectException} before anything is counted
 * or reset. What its callbacks did during the call (reset, destroyed, reset threw) the releasing
 * thread records in its {@link Returns}, since Commons Pool swallows a failing passivate: a
 * {@code ThreadLocal}, looked up once per release and once per new object, because Commons Pool
 * tells a release's outcome only through callbacks on the releasing thread.
 *
 * <p><b>maxIdle is not exact across threads</b> (no {@code EXACT_MAX_IDLE}): {@code returnObject}
 * compares the idle count with maxIdle and then adds, without a lock across both, so concurrent
 * releases can leave a few more than maxIdle idle (Commons Pool documents this).
 *
 * <p><b>Commons Pool features</b> ({@link CommonsOptions}). Objects made by its own maintenance
 * ({@code minIdle}) come from our factory too, and count as misses. Objects it drops (evicted,
 * failed validation, pool closed) go to onDiscard. With abandoned tracking on, an object it takes
 * back as abandoned is not handed to onDiscard (its holder may still use it); when the holder
 * finally releases it, it is counted, reset and dropped. Commons Pool cannot tell such a late
 * release from a foreign object then, so with abandoned tracking on, a foreign object is dropped
 * the same way rather than refused.
 */
final class CommonsObjectPool<T> extends AbstractObjectPool<T> {
    private final GenericObjectPool<T> commons;
    /**
     * What Commons Pool's callbacks did, per platform thread: owned by the pool and never holding
     * it, so a thread's map cannot keep the pool alive.
     */
    private final ThreadLocal<Returns> returns = ThreadLocal.withInitial(Returns::new);
    /** The same for virtual threads, only while a call is in progress: nothing kept per virtual thread. */
    private final java.util.concurrent.ConcurrentHashMap<Thread, Returns> inCall = new java.util.concurrent.ConcurrentHashMap<>();
    // Commons Pool's own counters count its maintenance too; these count our calls only.
    private final LongAdder hits = new LongAdder();
    private final LongAdder kept = new LongAdder();

    CommonsObjectPool(ObjectPoolConfig<T> config, CommonsOptions<T> options) {
        this(config, options, UnaryOperator.identity());
    }

    /** @param decorate wraps our factory before Commons Pool gets it; tests record its calls this way */
    CommonsObjectPool(ObjectPoolConfig<T> config, CommonsOptions<T> options,
                      UnaryOperator<PooledObjectFactory<T>> decorate) {
        super(CommonsBackend.NAME, config);
        GenericObjectPoolConfig<T> c = options.poolConfig();
        c.setMaxTotal(-1); // unbounded: an ObjectPool makes a new object whenever none is idle
        c.setMaxIdle(config.maxIdle());
        c.setBlockWhenExhausted(false); // never exhausted anyway; and never block
        this.commons = new GenericObjectPool<>(decorate.apply(new Adapter(options)), c, options.abandoned());
    }

    @Override
    protected T pollIdle() {
        Thread me = Thread.currentThread();
        if (!isVirtual(me)) {
            return borrow(returns.get());
        }
        Returns outer = inCall.put(me, new Returns());
        try {
            return borrow(inCall.get(me));
        } finally {
            endCall(me, outer);
        }
    }

    /** The callbacks' record for the calling thread: its own, or its current call's if it is virtual. */
    private Returns returns() {
        Thread me = Thread.currentThread();
        if (!isVirtual(me)) {
            return returns.get();
        }
        Returns r = inCall.get(me);
        return r != null ? r : new Returns(); // a callback outside our calls: nothing to record, nothing to keep
    }

    private void endCall(Thread me, Returns outer) {
        if (outer == null) {
            inCall.remove(me);
        } else {
            inCall.put(me, outer); // a reset released into this pool from inside a call
        }
    }

    private T borrow(Returns t) {
        t.made = false;
        try {
            T o = commons.borrowObject(); // an idle object, or makeObject: never null
            if (!t.made) {
                hits.increment();
            }
            return o;
        } catch (CallbackFailure e) {
            throw CallbackFailure.unchecked(e.getCause()); // the factory's own exception, as the contract promises
        } catch (NoSuchElementException e) {
            throw new PoolException("the validator of " + describe() + " rejected a new object from the factory:"
                    + " the factory most likely makes objects that are not ready for use, or the validator is"
                    + " too strict", e);
        } catch (IllegalStateException e) {
            throw Borrowing.closedWhileAcquiring(describe(), isClosed(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PoolException("Commons Pool failed to hand out an object of " + describe(), e);
        }
    }

    @Override
    protected boolean resetAndOffer(T object) {
        Thread me = Thread.currentThread();
        if (!isVirtual(me)) {
            return giveBack(returns.get(), object);
        }
        Returns outer = inCall.put(me, new Returns());
        try {
            return giveBack(inCall.get(me), object);
        } finally {
            endCall(me, outer);
        }
    }

    private boolean giveBack(Returns t, T object) {
        // Save what an enclosing return on this thread recorded: a reset may release into this pool.
        Object outer = t.returning;
        boolean outerReset = t.reset;
        boolean outerDestroyed = t.destroyed;
        Throwable outerFailure = t.resetFailure;
        t.begin(object);
        try {
            try {
                commons.returnObject(object); // claim, then passivate (our reset), then keep or destroy
            } catch (IllegalStateException e) {
                throw refusal(t, object, e);
            }
            return settle(t, object); // kept was counted in passivateObject, before the object went idle
        } finally {
            t.restore(outer, outerReset, outerDestroyed, outerFailure);
        }
    }

    /** Never called: {@link #resetAndOffer} replaces the base class's reset-then-offer. */
    @Override
    protected boolean offerIdle(T object) {
        throw new AssertionError("offerIdle is replaced by resetAndOffer in " + describe());
    }

    /** After returnObject: true iff Commons Pool kept the object idle. */
    private boolean settle(Returns t, T object) {
        if (t.resetFailure != null) {
            throw CallbackFailure.unchecked(t.resetFailure); // counted and dropped by resetReleased already
        }
        if (t.reset) {
            return !t.destroyed;
        }
        // Accepted without a passivate: destroyed after a failed testOnReturn, or (abandoned
        // tracking on) already forgotten as abandoned. The release still counts; the object drops.
        resetReleased(object);
        return false;
    }

    /** Commons Pool's refusal of a return, as our exception; nothing was counted or reset. */
    private RuntimeException refusal(Returns t, T object, IllegalStateException e) {
        if (t.reset) { // refused after our reset ran: not a misuse Commons Pool can report this way
            return new IllegalStateException("Commons Pool refused " + object + " after passivating it; this is a"
                    + " bug, please report it", e);
        }
        PoolMisuseException m;
        if (String.valueOf(e.getMessage()).contains("not currently part of this pool")) {
            m = new ForeignObjectException(object + " was released into " + describe() + ", which did not hand it"
                    + " out: you most likely released it into the wrong pool, or released an object you made"
                    + " yourself; the pool is unchanged");
        } else { // "Object has already been returned to this pool or is invalid"
            m = new DoubleReleaseException(object + " was released into " + describe() + " while already idle:"
                    + " you most likely called release() twice for one acquire(); the pool is unchanged");
        }
        m.initCause(e);
        return m;
    }

    @Override
    protected void drainIdle(Consumer<? super T> sink) {
        // Closing Commons Pool destroys its idle objects; Adapter.destroyObject passes each to
        // discardIdle, i.e. to the onDiscard hook, which is the sink the base class gives us.
        commons.close();
    }

    @Override
    protected long idleHits() {
        return hits.sum();
    }

    @Override
    protected long idleKept() {
        return kept.sum();
    }

    @Override
    public int idle() {
        return commons.getNumIdle();
    }

    /** Virtual threads with a call in progress: 0 once every call has returned; for tests. */
    int virtualThreadsInCall() {
        return inCall.size();
    }

    /** The Commons Pool behind this pool; for tests. */
    GenericObjectPool<T> commons() {
        return commons;
    }

    /** Our config as Commons Pool's factory. Its callbacks run on the thread that caused them. */
    private final class Adapter implements PooledObjectFactory<T> {
        private final Predicate<? super T> validator;

        Adapter(CommonsOptions<T> options) {
            this.validator = options.validator();
        }

        @Override
        public PooledObject<T> makeObject() throws CallbackFailure {
            try {
                T o = create();
                returns().made = true;
                return new DefaultPooledObject<>(o);
            } catch (RuntimeException | Error e) {
                throw new CallbackFailure(e); // carried through Commons Pool, unwrapped in pollIdle
            }
        }

        @Override
        public void passivateObject(PooledObject<T> p) throws CallbackFailure {
            Returns t = returns();
            T o = p.getObject();
            if (t.returning != o) {
                return; // Commons Pool also passivates new idle objects and eviction tests: no release
            }
            t.reset = true;
            try {
                resetReleased(o);
            } catch (RuntimeException | Error e) {
                t.resetFailure = e;
                throw new CallbackFailure(e); // makes Commons Pool destroy the object; we rethrow e later
            }
            // Counted now, before Commons Pool puts the object idle: once idle another thread may
            // borrow it and count that acquire at once, and a release counted after it would make
            // a snapshot count the object in use twice (more in use than objects exist, and a
            // high-water mark that goes down). If Commons Pool destroys the object instead
            // (maxIdle), destroyObject takes the count back and the base class counts the discard;
            // its stats() keeps the releases from dipping in between.
            kept.increment();
        }

        @Override
        public void destroyObject(PooledObject<T> p) {
            destroyObject(p, DestroyMode.NORMAL);
        }

        @Override
        public void destroyObject(PooledObject<T> p, DestroyMode mode) {
            T o = p.getObject();
            Returns t = returns();
            if (t.returning == o) {
                if (t.reset && t.resetFailure == null) {
                    kept.decrement(); // counted as kept by passivateObject; the base class counts the discard
                }
                t.destroyed = true; // the base class drops it after returnObject
            } else if (mode != DestroyMode.ABANDONED) {
                discardIdle(o); // evicted, invalid while idle or on borrow, or the pool closed
            } // else abandoned: its holder may still use it; it drops when it comes back
        }

        @Override
        public boolean validateObject(PooledObject<T> p) {
            boolean valid;
            try {
                valid = validator.test(p.getObject());
            } catch (RuntimeException e) {
                valid = false; // as Commons Pool itself treats a validator that throws on borrow
            }
            if (!valid && p.getState() == PooledObjectState.IDLE && p.getBorrowedCount() == 0) {
                // testOnCreate: Commons Pool forgets a new invalid object without destroying it.
                discardIdle(p.getObject());
            }
            return valid;
        }

        @Override
        public void activateObject(PooledObject<T> p) {
            // Nothing: objects are reset on release, before they become idle.
        }
    }
}
