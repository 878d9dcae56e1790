package dev.poolkit.api;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Immutable settings of an {@link ObjectPool}: the factory that makes objects, an optional reset
 * applied on release, an optional hook for objects the pool drops, and how many idle objects it
 * may keep. Built and validated by {@link #builder(Supplier)}.
 *
 * @param <T> the pooled type
 */
public final class ObjectPoolConfig<T> {
    /** Enough idle objects to absorb the bursts of a busy server without pinning much memory. */
    public static final int DEFAULT_MAX_IDLE = 256;

    private static final Consumer<Object> NOTHING = o -> { };

    private final Supplier<? extends T> factory;
    private final Consumer<? super T> reset;
    private final Consumer<? super T> onDiscard;
    private final int maxIdle;
    private final String jmxName;

    private ObjectPoolConfig(Builder<T> b) {
        this.factory = b.factory;
        this.reset = b.reset;
        this.onDiscard = b.onDiscard;
        this.maxIdle = b.maxIdle;
        this.jmxName = b.jmxName;
    }

    /**
     * @param factory makes a new object when none is idle; must not return null
     * @throws PoolConfigException if {@code factory} is null
     */
    public static <T> Builder<T> builder(Supplier<? extends T> factory) {
        if (factory == null) {
            throw new PoolConfigException("factory must not be null: the pool calls it whenever no idle object"
                    + " is available (e.g. ObjectPoolConfig.builder(StringBuilder::new))");
        }
        return new Builder<>(factory);
    }

    public Supplier<? extends T> factory() {
        return factory;
    }

    /** Applied to each released object before it can be handed out again; a no-op by default. */
    public Consumer<? super T> reset() {
        return reset;
    }

    /** Told about every object the pool drops (idle limit reached, or pool closed); a no-op by default. */
    public Consumer<? super T> onDiscard() {
        return onDiscard;
    }

    /** At most this many idle objects are kept; further releases drop the object. */
    public int maxIdle() {
        return maxIdle;
    }

    /**
     * The name under which the pool registers an {@link ObjectPoolMXBean} on the platform MBean
     * server ({@code dev.poolkit:type=ObjectPool,name=NAME}), or empty for none (the default).
     */
    public Optional<String> jmxName() {
        return Optional.ofNullable(jmxName);
    }

    @Override
    public String toString() {
        return "ObjectPoolConfig{maxIdle=" + maxIdle + ", reset=" + (reset != NOTHING) + ", onDiscard="
                + (onDiscard != NOTHING) + (jmxName == null ? "" : ", jmxName=" + jmxName) + '}';
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder<T> {
        private final Supplier<? extends T> factory;
        private Consumer<? super T> reset = NOTHING;
        private Consumer<? super T> onDiscard = NOTHING;
        private int maxIdle = DEFAULT_MAX_IDLE;
        private String jmxName;

        private Builder(Supplier<? extends T> factory) {
            this.factory = factory;
        }

        public Builder<T> reset(Consumer<? super T> reset) {
            if (reset == null) {
                throw new PoolConfigException("reset must not be null; leave it unset for no reset");
            }
            this.reset = reset;
            return this;
        }

        public Builder<T> onDiscard(Consumer<? super T> onDiscard) {
            if (onDiscard == null) {
                throw new PoolConfigException("onDiscard must not be null; leave it unset for no hook");
            }
            this.onDiscard = onDiscard;
            return this;
        }

        public Builder<T> maxIdle(int maxIdle) {
            this.maxIdle = maxIdle;
            return this;
        }

        /**
         * Registers the pool's statistics and settings as an {@link ObjectPoolMXBean} called
         * {@code dev.poolkit:type=ObjectPool,name=NAME} on the platform MBean server, from
         * construction until {@link ObjectPool#close()}. Off unless set. A name may be used by one
         * open pool at a time.
         */
        public Builder<T> jmxName(String name) {
            this.jmxName = JmxNames.check(name);
            return this;
        }

        /** @throws PoolConfigException naming the bad setting, its value and the accepted range */
        public ObjectPoolConfig<T> build() {
            if (maxIdle < 0) {
                throw new PoolConfigException("maxIdle must be >= 0 idle objects (0 keeps none), got " + maxIdle);
            }
            return new ObjectPoolConfig<>(this);
        }
    }
}
