package dev.poolkit.micrometer;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.ExhaustionPolicy;
import dev.poolkit.api.ObjectPool;
import dev.poolkit.api.PoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for one {@link BlockPool} or {@link ObjectPool}, tagged {@code pool} (the name
 * you give) and {@code backend}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code poolkit.pool.in.use}</td><td>gauge</td><td>{@link PoolStats#inUse()}</td></tr>
 *   <tr><td>{@code poolkit.pool.free}</td><td>gauge</td><td>block pools: pooled blocks free now</td></tr>
 *   <tr><td>{@code poolkit.pool.idle}</td><td>gauge</td><td>object pools: {@link ObjectPool#idle()}</td></tr>
 *   <tr><td>{@code poolkit.pool.high.water}</td><td>gauge</td><td>{@link PoolStats#highWater()}</td></tr>
 *   <tr><td>{@code poolkit.pool.capacity}</td><td>gauge</td><td>block pools: the slab's blocks; object
 *       pools: {@code maxIdle}</td></tr>
 *   <tr><td>{@code poolkit.pool.acquires}, {@code .releases}, {@code .misses}, {@code .exhaustions},
 *       {@code .discards}</td><td>function counters</td><td>the {@link PoolStats} counters</td></tr>
 *   <tr><td>{@code poolkit.pool.wait}</td><td>function timer</td><td>block pools whose policy is
 *       {@link ExhaustionPolicy#await}: acquires that waited and their time ({@link BlockPool#waits()})</td></tr>
 * </table>
 *
 * <p>Each meter reads the pool when the registry polls it and keeps no state of its own, so binding
 * adds nothing to the pool's hot path. A read of a block pool's statistics visits every block
 * (O(capacity)), once per meter per poll. The meters hold the pool weakly, as Micrometer's own
 * binders do: they report NaN once the pool is collected.
 */
public final class PoolMetrics implements MeterBinder {
    private static final String PREFIX = "poolkit.pool.";

    private final BlockPool blocks;
    private final ObjectPool<?> objects;
    private final Tags tags;

    private PoolMetrics(BlockPool blocks, ObjectPool<?> objects, String backend, String name, Iterable<Tag> extra) {
        this.blocks = blocks;
        this.objects = objects;
        this.tags = Tags.of("pool", name, "backend", backend).and(extra);
    }

    /** Meters for {@code pool}, tagged {@code pool=name} and its backend, plus {@code extraTags}. */
    public static PoolMetrics of(String name, BlockPool pool, Iterable<Tag> extraTags) {
        Objects.requireNonNull(pool, "pool");
        return new PoolMetrics(pool, null, pool.backend(), checked(name), extraTags);
    }

    /** Meters for {@code pool}, tagged {@code pool=name} and its backend. */
    public static PoolMetrics of(String name, BlockPool pool) {
        return of(name, pool, Tags.empty());
    }

    /** Meters for {@code pool}, tagged {@code pool=name} and its backend, plus {@code extraTags}. */
    public static PoolMetrics of(String name, ObjectPool<?> pool, Iterable<Tag> extraTags) {
        Objects.requireNonNull(pool, "pool");
        return new PoolMetrics(null, pool, pool.backend(), checked(name), extraTags);
    }

    /** Meters for {@code pool}, tagged {@code pool=name} and its backend. */
    public static PoolMetrics of(String name, ObjectPool<?> pool) {
        return of(name, pool, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (blocks != null) {
            bindBlocks(registry, blocks);
        } else {
            bindObjects(registry, objects);
        }
    }

    private void bindBlocks(MeterRegistry registry, BlockPool pool) {
        String unit = "blocks";
        gauge(registry, pool, "in.use", unit, "Blocks handed out and not yet released, unpooled ones included",
                p -> p.stats().inUse());
        gauge(registry, pool, "free", unit, "Pooled blocks free now", p -> free(p, p.stats()));
        gauge(registry, pool, "high.water", unit, "The most blocks in use at once since the pool was made",
                p -> p.stats().highWater());
        gauge(registry, pool, "capacity", unit, "Blocks in the slab", p -> p.config().capacity());
        counters(registry, pool, unit, BlockPool::stats);
        if (pool.config().exhaustion().kind() == ExhaustionPolicy.Kind.WAIT) {
            FunctionTimer.builder(PREFIX + "wait", pool, p -> p.waits().count(), p -> p.waits().totalNanos(),
                            TimeUnit.NANOSECONDS)
                    .description("Acquires that found no block free and waited, and their time waiting")
                    .tags(tags).register(registry);
        }
    }

    private void bindObjects(MeterRegistry registry, ObjectPool<?> pool) {
        String unit = "objects";
        gauge(registry, pool, "in.use", unit, "Objects handed out and not yet released", p -> p.stats().inUse());
        gauge(registry, pool, "idle", unit, "Idle objects kept for reuse", ObjectPool::idle);
        gauge(registry, pool, "high.water", unit, "The most objects made and not dropped at once",
                p -> p.stats().highWater());
        gauge(registry, pool, "capacity", unit, "Idle objects the pool may keep (maxIdle)", p -> p.config().maxIdle());
        counters(registry, pool, unit, ObjectPool::stats);
    }

    private <P> void gauge(MeterRegistry registry, P pool, String name, String unit, String description,
                           ToDoubleFunction<P> value) {
        Gauge.builder(PREFIX + name, pool, value).description(description).baseUnit(unit).tags(tags)
                .register(registry);
    }

    private <P> void counters(MeterRegistry registry, P pool, String unit, Function<P, PoolStats> stats) {
        counter(registry, pool, "acquires", unit, "Successful acquires, pooled and unpooled",
                p -> stats.apply(p).acquires());
        counter(registry, pool, "releases", unit, "Successful releases", p -> stats.apply(p).releases());
        counter(registry, pool, "misses", unit, "Acquires that could not reuse pooled memory: unpooled blocks, new"
                + " objects", p -> stats.apply(p).misses());
        counter(registry, pool, "exhaustions", unit, "Times a caller found nothing free",
                p -> stats.apply(p).exhaustions());
        counter(registry, pool, "discards", unit, "Releases whose block or object was dropped rather than kept",
                p -> stats.apply(p).discards());
    }

    private <P> void counter(MeterRegistry registry, P pool, String name, String unit, String description,
                             ToDoubleFunction<P> value) {
        FunctionCounter.builder(PREFIX + name, pool, value).description(description).baseUnit(unit).tags(tags)
                .register(registry);
    }

    /** Pooled blocks free: unpooled blocks out ({@code misses - discards}) count in inUse, not in the slab. */
    static long free(BlockPool pool, PoolStats s) {
        long pooledInUse = s.inUse() - (s.misses() - s.discards());
        return Math.max(0, pool.config().capacity() - pooledInUse);
    }

    private static String checked(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the pool's name is its 'pool' tag and must not be blank, got "
                    + (name == null ? "null" : "'" + name + "'") + " (e.g. PoolMetrics.of(\"buffers\", pool))");
        }
        return name;
    }
}
