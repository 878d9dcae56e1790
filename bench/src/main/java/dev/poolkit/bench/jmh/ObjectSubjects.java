package dev.poolkit.bench.jmh;

import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.ObjectPoolConfig;
import dev.poolkit.api.Pools;
import org.jctools.queues.MpmcArrayQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the object benchmarks: every registered backend's {@link ObjectPool}, {@code new}
 * per acquire, and Commons Pool and a JCTools queue used raw. The pooled thing is a small
 * per-connection state object, what the echo server pools.
 */
public final class ObjectSubjects {
    /** {@code new Session()} per acquire, dropped on release. */
    public static final String NONE = "none";
    public static final List<String> REFERENCES = List.of(BlockSubjects.RAW_COMMONS, BlockSubjects.RAW_JCTOOLS);

    private ObjectSubjects() {
    }

    /** A connection's state: a scratch array and a few fields, about 300 bytes. */
    public static final class Session {
        final byte[] scratch = new byte[256];
        long id;
        int state;

        void reset() {
            id = 0;
            state = 0;
        }
    }

    public static List<String> names() {
        List<String> all = new ArrayList<>(Pools.names());
        all.add(NONE);
        all.addAll(REFERENCES);
        return all;
    }

    public static Subject create(String name, int maxIdle) {
        switch (name) {
            case NONE:
                return new NewEachTime();
            case BlockSubjects.RAW_COMMONS:
                // unbounded total, as our object contract: acquire never fails
                return new RawCommons<>(Session.class, Session::new, Session::reset, -1, maxIdle);
            case BlockSubjects.RAW_JCTOOLS:
                return new RawJctools(maxIdle);
            default:
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
        @Override
        public Object acquire() {
            return new Session();
        }

        @Override
        public void release(Object item) {
        }
    }

    static final class RawJctools extends Subject {
        private final MpmcArrayQueue<Session> idle;

        RawJctools(int maxIdle) {
            idle = new MpmcArrayQueue<>(Math.max(2, maxIdle));
        }

        @Override
        public Object acquire() {
            Session s = idle.poll();
            return s != null ? s : new Session();
        }

        @Override
        public void release(Object item) {
            Session s = (Session) item;
            s.reset();
            idle.offer(s); // dropped when full
        }
    }
}
