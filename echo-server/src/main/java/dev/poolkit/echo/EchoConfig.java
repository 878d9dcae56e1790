package dev.poolkit.echo;

import dev.poolkit.api.BackendNames;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolConfigException;
import dev.poolkit.api.Pools;
import dev.poolkit.api.SizeClass;
import dev.poolkit.api.SizeClassPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable settings of an {@link EchoServer}, one per command-line flag. Built and validated by
 * {@link #builder()}; error messages name the flag, the bad value and what is accepted, because
 * the command line shows them as they are.
 */
public final class EchoConfig {
    /** The value of {@code --pool} that means no pooling: a fresh buffer per readiness event, the baseline. */
    public static final String NO_POOL = "none";
    /**
     * The value of {@code --pool} for the realistic unpooled design: one read buffer per event loop,
     * unsent tails copied to right-sized heap arrays ({@link LoopBuffers}).
     */
    public static final String LOOP_BUFFER = "loop-buffer";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7007;
    public static final int DEFAULT_BLOCK_SIZE = BlockPoolConfig.DEFAULT_BLOCK_SIZE;
    /** The seed article's pool size: 1024 blocks of 4 KiB are 4 MiB, enough for 1024 reads in flight. */
    public static final int DEFAULT_POOL_SIZE = BlockPoolConfig.DEFAULT_CAPACITY;
    /** Well under the usual file-descriptor limits, well over what one benchmark opens. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Long enough for any benchmark pause, short enough that abandoned clients go away. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * A client that takes less than one block's echo in this long is not reading: closing it frees
     * its connection slot and heap tail. Long enough for any real client, even a slow one.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a stalled echo keeps its pool block before its tail moves to the heap: longer than a
     * reading client's usual pause (so it rarely costs a copy), far shorter than a user would notice.
     */
    public static final Duration DEFAULT_SPILL_AFTER = Duration.ofMillis(10);
    /** How long SIGTERM waits for in-flight echoes: enough for any echo a reading client is taking. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The longest duration any flag takes. The server adds a timeout to {@code System.nanoTime()},
     * and a long counts nanoseconds for about 292 years; a century leaves room for the clock's own
     * value. A timeout that should never fire is 0.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(36_500);
    /** An echo read is at most one block; 64 MiB blocks would only waste memory. */
    public static final int MAX_BLOCK_SIZE = 64 << 20;

    private final String pool;
    private final String bind;
    private final int port;
    private final int threads;
    private final int blockSize;
    private final int poolSize;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration writeTimeout;
    private final Duration spillAfter;
    private final Duration drainTimeout;
    private final BufferExhaustion exhaustion;
    private final boolean leakTracking;
    private final IoModel io;
    private final List<SizeClass> sizeClasses;

    private EchoConfig(Builder b, String pool) {
        this.pool = pool;
        this.bind = b.bind;
        this.port = b.port;
        this.threads = b.threads;
        this.sizeClasses = List.copyOf(b.sizeClasses);
        // With size classes, the largest read is the largest class, and the pool holds every class's blocks.
        this.blockSize = sizeClasses.isEmpty() ? b.blockSize
                : sizeClasses.stream().mapToInt(SizeClass::blockSize).max().getAsInt();
        this.poolSize = sizeClasses.isEmpty() ? b.poolSize
                : (int) Math.min(Integer.MAX_VALUE, sizeClasses.stream().mapToLong(SizeClass::capacity).sum());
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.writeTimeout = b.writeTimeout;
        this.spillAfter = b.spillAfter;
        this.drainTimeout = b.drainTimeout;
        this.exhaustion = b.exhaustion;
        this.leakTracking = b.leakTracking;
        this.io = b.io;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every valid value of {@code --pool}: the registered backends, sorted, then {@value #NO_POOL}. */
    public static List<String> poolNames() {
        List<String> names = new ArrayList<>(Pools.names());
        names.add(NO_POOL);
        names.add(LOOP_BUFFER);
        return names;
    }

    /** The backend name (lower case), or {@value #NO_POOL}. */
    public String pool() {
        return pool;
    }

    /** False for the two unpooled designs, {@value #NO_POOL} and {@value #LOOP_BUFFER}. */
    public boolean pooled() {
        return !NO_POOL.equals(pool) && !LOOP_BUFFER.equals(pool);
    }

    public String bind() {
        return bind;
    }

    /** 0 means an ephemeral port chosen by the system. */
    public int port() {
        return port;
    }

    /** Event loops (selector threads). */
    public int threads() {
        return threads;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Blocks in the pool (ignored for {@value #NO_POOL}). */
    public int poolSize() {
        return poolSize;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Connections without any byte in or out for this long are closed; zero means never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A connection whose client has not taken one echo in full for this long is closed; zero means never. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** A stalled echo keeps its pool block this long at most, then its tail moves to the heap; zero = at once. */
    public Duration spillAfter() {
        return spillAfter;
    }

    /** How long shutdown lets in-flight echoes finish before it closes what is left; zero = close at once. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    public BufferExhaustion exhaustion() {
        return exhaustion;
    }

    public boolean leakTracking() {
        return leakTracking;
    }

    /** Who waits for the sockets: event loops (the default) or a virtual thread per connection. */
    public IoModel io() {
        return io;
    }

    /**
     * The buffer pool these settings describe: poolSize direct blocks of blockSize bytes. The event
     * loops only call {@code tryAcquire()} (which never waits); under {@link BufferExhaustion#WAIT}
     * the bounded wait configured here is for the {@link BufferBroker} thread alone.
     */
    BlockPoolConfig blockPoolConfig() {
        return BlockPoolConfig.builder().blockSize(blockSize).capacity(poolSize).leakTracking(leakTracking)
                .exhaustion(exhaustion.sizeClassPolicy()).build();
    }

    /** {@code --block-sizes}: the classes, or empty for one pool of blockSize blocks. */
    public List<SizeClass> sizeClasses() {
        return sizeClasses;
    }

    /** The size-class pool {@code --block-sizes} describes, every class under the same exhaustion policy. */
    SizeClassPool sizeClassPool() {
        return SizeClassPool.builder().backend(pool).classes(sizeClasses).leakTracking(leakTracking)
                .exhaustion(exhaustion.policy()).build();
    }

    @Override
    public String toString() {
        return "pool=" + pool + " bind=" + bind + " port=" + port + " threads=" + threads + " blockSize=" + blockSize
                + " poolSize=" + poolSize + " maxConnections=" + maxConnections + " idleTimeout=" + idleTimeout
                + " writeTimeout=" + writeTimeout + " spillAfter=" + spillAfter + " drainTimeout=" + drainTimeout
                + " exhaustion=" + exhaustion.flag() + " io=" + io.flag();
    }

    /** Collects settings; {@link #build()} checks them all. */
    public static final class Builder {
        private String pool = Pools.DEFAULT_BACKEND;
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private Duration spillAfter = DEFAULT_SPILL_AFTER;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private BufferExhaustion exhaustion = BufferExhaustion.WAIT;
        private boolean leakTracking;
        private IoModel io = IoModel.LOOPS;
        private List<SizeClass> sizeClasses = List.of();

        private Builder() {
        }

        public Builder pool(String pool) {
            this.pool = pool;
            return this;
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        /** Several block sizes ({@code --block-sizes}); replaces blockSize and poolSize. */
        public Builder sizeClasses(List<SizeClass> sizeClasses) {
            this.sizeClasses = List.copyOf(sizeClasses);
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        public Builder spillAfter(Duration spillAfter) {
            this.spillAfter = spillAfter;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder exhaustion(BufferExhaustion exhaustion) {
            this.exhaustion = exhaustion;
            return this;
        }

        public Builder leakTracking(boolean leakTracking) {
            this.leakTracking = leakTracking;
            return this;
        }

        public Builder io(IoModel io) {
            this.io = io;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad flag, its value and the accepted range */
        public EchoConfig build() {
            String name = checkedPool(pool);
            if (bind == null || bind.isBlank()) {
                throw new IllegalArgumentException("--bind must be a host name or IP address, got '" + bind + "'");
            }
            check(port >= 0 && port <= 65535, "--port must be from 0 (ephemeral) to 65535, got " + port);
            check(threads >= 1 && threads <= 1024, "--threads must be from 1 to 1024 event loops, got " + threads);
            check(blockSize >= 1 && blockSize <= MAX_BLOCK_SIZE,
                    "--block-size must be from 1 to " + MAX_BLOCK_SIZE + " bytes, got " + blockSize);
            check(poolSize >= 1, "--pool-size must be at least 1 block, got " + poolSize);
            check(maxConnections >= 1, "--max-connections must be at least 1, got " + maxConnections);
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            check(!idleTimeout.isNegative(), "--idle-timeout must be zero (never) or positive, got " + idleTimeout);
            checkAtMostMax("--idle-timeout", idleTimeout, "; 0 means never");
            Objects.requireNonNull(writeTimeout, "writeTimeout");
            check(!writeTimeout.isNegative(), "--write-timeout must be zero (never) or positive, got " + writeTimeout);
            checkAtMostMax("--write-timeout", writeTimeout, "; 0 means never");
            Objects.requireNonNull(spillAfter, "spillAfter");
            check(!spillAfter.isNegative(), "--spill-after must be zero (at once) or positive, got " + spillAfter);
            checkAtMostMax("--spill-after", spillAfter, "");
            check(writeTimeout.isZero() || spillAfter.compareTo(writeTimeout) < 0, "--spill-after (" + spillAfter
                    + ") must be shorter than --write-timeout (" + writeTimeout + "): a stalled echo gives its block"
                    + " back before its connection is given up");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            check(!drainTimeout.isNegative(), "--drain-timeout must be zero (close at once) or positive, got "
                    + drainTimeout);
            checkAtMostMax("--drain-timeout", drainTimeout, "");
            Objects.requireNonNull(exhaustion, "exhaustion");
            Objects.requireNonNull(io, "io");
            if (!io.available()) {
                throw new IllegalArgumentException(io.unavailableReason());
            }
            check(sizeClasses.isEmpty() || !NO_POOL.equals(name), "--block-sizes needs a pool; --pool " + NO_POOL
                    + " allocates one buffer of --block-size per read");
            check(sizeClasses.isEmpty() || !LOOP_BUFFER.equals(name), "--block-sizes needs a pool; --pool "
                    + LOOP_BUFFER + " reads into one buffer of --block-size per event loop");
            EchoConfig config = new EchoConfig(this, name);
            if (config.pooled() && config.sizeClasses().isEmpty()) {
                try {
                    config.blockPoolConfig();
                } catch (PoolConfigException e) {
                    throw new IllegalArgumentException("--pool-size " + poolSize + " x --block-size " + blockSize
                            + " is not a valid pool: " + e.getMessage(), e);
                }
            }
            return config;
        }

        private static String checkedPool(String pool) {
            String name = pool == null ? "" : pool.strip().toLowerCase(Locale.ROOT);
            if (!poolNames().contains(name)) {
                throw new IllegalArgumentException("unknown --pool '" + pool + "'; valid: "
                        + String.join(", ", poolNames()) + " (" + NO_POOL
                        + " = a fresh buffer per readiness event, the no-pool baseline; " + LOOP_BUFFER
                        + " = one buffer per event loop, the realistic unpooled server)."
                        + BackendNames.didYouMean(name, poolNames()) + " Other backends join when"
                        + " their module (e.g. dev.poolkit:pool-freelist) is on the class path.");
            }
            return name;
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /**
     * Refuses a duration flag longer than {@link #MAX_DURATION}, which the server could not time.
     *
     * @param hint appended to the message, e.g. what 0 means for this flag
     * @throws IllegalArgumentException if {@code d} is longer than {@link #MAX_DURATION}, naming the flag
     */
    static void checkAtMostMax(String flag, Duration d, String hint) {
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(flag + " must be at most " + MAX_DURATION.toDays() + " days, got " + d
                    + hint);
        }
    }
}
