package dev.poolkit.echo;

import dev.poolkit.api.ExhaustionPolicy;

import java.time.Duration;
import java.util.Locale;

/**
 * What a connection does when it has bytes to read and the pool has no free block ({@code --exhaustion}).
 * Neither choice drops a byte or blocks an event loop; failing the connection is deliberately not
 * offered, since an echo server that closes a client because it is busy loses the client's data.
 */
public enum BufferExhaustion {
    /**
     * The connection stops reading (its bytes wait in the kernel, which pushes back on the client)
     * and is served, first come first served, as soon as a block is released anywhere in the server.
     * Memory stays exactly the slab.
     */
    WAIT,
    /**
     * The read proceeds at once into a fresh heap buffer outside the slab, left to the garbage
     * collector when written back (counted as a pool miss). Never waits. Heap rather than the
     * pool's {@link ExhaustionPolicy#unpooled()} direct blocks, which only a garbage collection
     * frees (see {@link PooledBuffers}); the heap is bounded by -Xmx and collected as it fills.
     */
    UNPOOLED;

    /**
     * How long one {@code acquire()} of the {@link BufferBroker} waits before it counts another
     * exhaustion and waits again. Only the count depends on it: the broker is woken by any release,
     * and by shutdown.
     */
    static final Duration BROKER_WAIT = Duration.ofSeconds(1);

    /**
     * How long the waiter waits on one size class's pool before it looks at the next
     * ({@link BufferBroker#acquireFromAny}): a release in any class is seen within one turn of
     * all classes.
     */
    static final Duration SIZE_CLASS_TURN = Duration.ofMillis(10);

    /** The policy of each size class's pool: as {@link #policy()}, with the short turn under WAIT. */
    ExhaustionPolicy sizeClassPolicy() {
        return this == WAIT ? ExhaustionPolicy.await(SIZE_CLASS_TURN) : ExhaustionPolicy.fail();
    }

    /**
     * The pool's policy. The loops only call {@code tryAcquire()}, so it governs the broker's
     * {@code acquire()} under WAIT, and nothing under UNPOOLED (whose fallback is the server's).
     */
    ExhaustionPolicy policy() {
        return this == WAIT ? ExhaustionPolicy.await(BROKER_WAIT) : ExhaustionPolicy.fail();
    }

    /** The value of {@code --exhaustion} spelled {@code flag} (any case). */
    static BufferExhaustion fromFlag(String flag) {
        for (BufferExhaustion e : values()) {
            if (e.flag().equalsIgnoreCase(flag == null ? "" : flag.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("--exhaustion must be 'wait' (a connection waits for a free buffer) or"
                + " 'unpooled' (it reads into a fresh heap buffer outside the pool), got '" + flag + "'");
    }

    /** The command-line spelling. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
