package dev.poolkit.bench.jmh;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Apache Commons Pool 2 used raw, as its documentation shows: a {@link GenericObjectPool} over a
 * {@link BasePooledObjectFactory}, JMX off (as in our adapter). The row our {@code commons}
 * adapter is measured against: the gap between the two is the adapter's own cost.
 */
final class RawCommons<T> extends Subject {
    static final String CONFIGURATION = "Apache Commons Pool 2 `GenericObjectPool` over a `BasePooledObjectFactory`,"
            + " JMX off, `blockWhenExhausted(false)`, Commons Pool's defaults otherwise.";

    private final Class<T> type;
    private final GenericObjectPool<T> pool;

    /**
     * @param maxTotal  -1 for unbounded (objects); the capacity for buffers, failing at once when
     *                  exhausted, so a mis-sized benchmark is loud instead of waiting
     * @param passivate what release does to the object (Commons calls it on return)
     */
    RawCommons(Class<T> type, Supplier<T> create, Consumer<T> passivate, int maxTotal, int maxIdle) {
        this.type = type;
        GenericObjectPoolConfig<T> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(maxTotal);
        config.setMaxIdle(maxIdle);
        config.setJmxEnabled(false);
        config.setBlockWhenExhausted(false);
        pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public T create() {
                return create.get();
            }

            @Override
            public PooledObject<T> wrap(T obj) {
                return new DefaultPooledObject<>(obj);
            }

            @Override
            public void passivateObject(PooledObject<T> p) {
                passivate.accept(p.getObject());
            }
        }, config);
    }

    @Override
    public Object acquire() {
        try {
            return pool.borrowObject();
        } catch (Exception e) {
            throw new IllegalStateException("raw Commons Pool borrow failed", e);
        }
    }

    @Override
    public void release(Object item) {
        pool.returnObject(type.cast(item));
    }

    @Override
    public void close() {
        pool.close();
    }
}
