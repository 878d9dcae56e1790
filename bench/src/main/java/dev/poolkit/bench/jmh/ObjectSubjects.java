package dev.poolkit.bench.jmh;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the object benchmarks: every registered backend's {@link ObjectPool}, {@code new}
 * per acquire, each backend's bare twin ({@link Twins}) and Netty's {@code Recycler}. The pooled
 * thing is a small per-connection state object, what the echo server pools.
 */
public final class ObjectSubjects {
    /** {@code new Session()} per acquire, dropped on release. */
    public static final String NONE = "none";
    public static final String NETTY_RECYCLER = "netty-recycler";

    private static final String IDLE = " maxIdle is the case's parameter.";
    private static final Map<String, String> OTHERS = new LinkedHashMap<>();

    static {
        OTHERS.put(NONE, "`new Session()` per acquire, dropped on release: no pool.");
        OTHERS.put(BlockSubjects.RAW_FREELIST, "Bare twin of `freelist`: an array stack of idle objects under one"
                + " `ReentrantLock`; `new` when empty, dropped beyond maxIdle." + IDLE);
        OTHERS.put(BlockSubjects.RAW_LOCAL, "Bare twin of `local`: a bare `ThreadLocal` one-slot cache per thread over"
                + " a shared JCTools `MpmcArrayQueue` of idle objects; `new` when both are empty, dropped when full."
                + IDLE);
        OTHERS.put(BlockSubjects.RAW_JCTOOLS, "Bare twin of `jctools`: the backend's JCTools queue (`MpmcArrayQueue`, or `MpmcAtomicArrayQueue` from"
                + " Java 23 on) of idle objects:"
                + " poll or `new`, offer or drop." + IDLE);
        OTHERS.put(BlockSubjects.RAW_COMMONS, "Bare twin of `commons`: " + RawCommons.CONFIGURATION
                + " maxTotal unbounded (-1), reset on return." + IDLE);
        OTHERS.put(NETTY_RECYCLER, "Netty 4.2 `Recycler` with Netty's defaults (4096 per thread, guarded handles):"
                + " `get()`, then reset and `handle.recycle(obj)`; on `FastThreadLocalThread`s, without which 4.2"
                + " hands out a new object per `get()`. maxIdle does not apply.");
    }

    private ObjectSubjects() {
    }

    /** A connection's state: a scratch array and a few fields (the `none` row's B/op is its size). */
    public static class Session {
        static final int SCRATCH_BYTES = 256;

        final byte[] scratch = new byte[SCRATCH_BYTES];
        long id;
        int state;

        void reset() {
            id = 0;
            state = 0;
        }
    }

    public static List<String> names() {
        List<String> all = new ArrayList<>(Pools.names());
        all.addAll(OTHERS.keySet());
        return all;
    }

    /** How the row called {@code name} is set up, for the report. */
    public static String configuration(String name) {
        String c = OTHERS.get(name);
        if (c != null) {
            return c;
        }
        return "Poolkit `" + name + "`: `Pools.objectPool(\"" + name + "\", config)`, `Session::new`, reset on"
                + " release, the config's defaults otherwise." + IDLE;
    }

    public static Subject create(String name, int maxIdle) {
        switch (name) {
            case NONE:
                return new NewEachTime();
            case BlockSubjects.RAW_FREELIST:
                return new RawObjects.FreeList(maxIdle);
            case BlockSubjects.RAW_LOCAL:
                return new RawObjects.Local(maxIdle);
            case BlockSubjects.RAW_JCTOOLS:
                return new RawObjects.Jctools(maxIdle);
            case BlockSubjects.RAW_COMMONS:
                // unbounded total, as our object contract: acquire never fails
                return new RawCommons<>(Session.class, Session::new, Session::reset, -1, maxIdle);
            case NETTY_RECYCLER:
                return new NettyRecycler();
            default:
                BlockSubjects.checkRow(name, names());
                return new PoolkitObjects(Pools.objectPool(name,
                        ObjectPoolConfig.builder(Session::new).reset(Session::reset).maxIdle(maxIdle).build()));
        }
    }

    static final class PoolkitObjects extends Subject {
        private final ObjectPool<Session> pool;

        PoolkitObjects(ObjectPool<Session> pool) {
            this.pool = pool;
        }

        @Override
        public Object acquire() {
            return pool.acquire();
        }

        @Override
        public void release(Object item) {
            pool.release((Session) item);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    static final class NewEachTime extends Subject {
        /**
         * A session's scratch array (its bytes and a 16-byte array header) and the session object
         * (a 12-byte header, a long, an int and a reference, padded to 32 bytes): the object
         * layout of a 64-bit JVM with compressed references. It only paces the priming.
         */
        private static final long SESSION_BYTES = Session.SCRATCH_BYTES + 16 + 32;

        @Override
        public Object acquire() {
            return new Session();
        }

        @Override
        public long bytesPerUse() {
            return SESSION_BYTES;
        }

        @Override
        public void release(Object item) {
        }
    }
}
