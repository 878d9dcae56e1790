package dev.poolkit.commons;

import dev.poolkit.api.PoolConfigException;
import org.apache.commons.pool2.impl.AbandonedConfig;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Commons Pool's own settings for a pool of the {@code commons} backend, for users who want its
 * features on top of the Poolkit contract: JMX, idle-object eviction, validation, abandoned-object
 * tracking, LIFO or FIFO order. Pass it to {@link CommonsBackend#objectPool} or
 * {@link CommonsBackend#blockPool}; {@link dev.poolkit.api.Pools} and {@link CommonsBackend#newObjectPool} use
 * {@link #defaults()}.
 *
 * <p>Our configuration stays the authority for what the contract fixes, so these settings of the
 * {@link GenericObjectPoolConfig} are overridden: for objects {@code maxTotal} (unbounded) and
 * {@code maxIdle} (from {@code ObjectPoolConfig}); for blocks {@code maxTotal} and {@code maxIdle}
 * (the capacity); for both {@code blockWhenExhausted} and {@code maxWait} (the
 * {@code ExhaustionPolicy} decides, see {@link CommonsBlockPool}).
 *
 * <p>Immutable: it copies the configs it is given, and each pool gets its own copy.
 *
 * @param <T> the pooled type ({@code Block} for a block pool)
 * @see CommonsBackend
 */
public final class CommonsOptions<T> {
    private final GenericObjectPoolConfig<T> poolConfig;
    private final AbandonedConfig abandoned;
    private final Predicate<? super T> validator;

    private CommonsOptions(Builder<T> b) {
        this.poolConfig = b.poolConfig.clone();
        this.abandoned = AbandonedConfig.copy(b.abandoned);
        this.validator = b.validator;
    }

    /** No Commons Pool features: JMX off (Commons Pool's own default is on), no eviction, no validation. */
    public static <T> CommonsOptions<T> defaults() {
        return CommonsOptions.<T>builder().build();
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** A copy of the Commons Pool configuration, before our overrides. */
    public GenericObjectPoolConfig<T> poolConfig() {
        return poolConfig.clone();
    }

    /** A copy of the abandoned-object settings, or null when abandoned objects are not tracked. */
    public AbandonedConfig abandoned() {
        return AbandonedConfig.copy(abandoned);
    }

    /** Decides {@code validateObject}; used only when a {@code testOn...} or {@code testWhileIdle} flag is set. */
    public Predicate<? super T> validator() {
        return validator;
    }

    @Override
    public String toString() {
        return "CommonsOptions{" + poolConfig + ", abandoned=" + abandoned + '}';
    }

    /** Collects the settings; starts from a Commons Pool configuration with JMX off. */
    public static final class Builder<T> {
        private GenericObjectPoolConfig<T> poolConfig = withoutJmx();
        private AbandonedConfig abandoned;
        private Predicate<? super T> validator = o -> true;

        private Builder() {
        }

        private static <T> GenericObjectPoolConfig<T> withoutJmx() {
            GenericObjectPoolConfig<T> c = new GenericObjectPoolConfig<>();
            c.setJmxEnabled(false); // registering an MBean per pool costs at startup; opt in
            return c;
        }

        /**
         * Uses {@code config} as it is (copied now). Mind that a {@code new GenericObjectPoolConfig()}
         * has JMX on, Commons Pool's default; {@link #configure} starts from ours, with JMX off.
         */
        public Builder<T> poolConfig(GenericObjectPoolConfig<T> config) {
            this.poolConfig = Objects.requireNonNull(config, "config").clone();
            return this;
        }

        /** Edits the Commons Pool configuration in place, e.g. {@code c -> c.setJmxEnabled(true)}. */
        public Builder<T> configure(Consumer<? super GenericObjectPoolConfig<T>> edit) {
            edit.accept(poolConfig);
            return this;
        }

        /**
         * Tracks abandoned objects: Commons Pool takes back objects held longer than the timeout
         * (and logs where they were borrowed). Object pools only: see {@link CommonsBlockPool} for
         * why a block pool refuses it.
         */
        public Builder<T> abandoned(AbandonedConfig config) {
            this.abandoned = AbandonedConfig.copy(Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Decides whether an object is still fit for use, when Commons Pool validates (the
         * {@code testOnCreate}, {@code testOnBorrow}, {@code testOnReturn} and {@code testWhileIdle}
         * flags). An invalid object is dropped, and passed to onDiscard. A validator that throws
         * counts as saying "invalid". Accepts everything by default.
         */
        public Builder<T> validator(Predicate<? super T> validator) {
            if (validator == null) {
                throw new PoolConfigException("validator must not be null; leave it unset to accept every object");
            }
            this.validator = validator;
            return this;
        }

        public CommonsOptions<T> build() {
            return new CommonsOptions<>(this);
        }
    }
}
