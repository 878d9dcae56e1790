package dev.poolkit.echo;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The {@link EchoServerMXBean} of one server, registered while it runs. */
final class EchoServerJmx implements EchoServerMXBean {
    private static final System.Logger LOG = System.getLogger(EchoServerJmx.class.getName());

    private static final AtomicInteger EPHEMERAL_SERVERS = new AtomicInteger();

    private final Supplier<EchoStats> stats;

    private EchoServerJmx(Supplier<EchoStats> stats) {
        this.stats = stats;
    }

    /**
     * The start of the JMX names of a server's pools ({@code -buffers}, {@code -connections}):
     * {@code echo-server-PORT}, or for an ephemeral port (known only after the pools exist)
     * {@code echo-server-ephemeral-N}, N counting the servers of this JVM.
     */
    static String poolNamePrefix(int configuredPort) {
        return configuredPort != 0 ? "echo-server-" + configuredPort
                : "echo-server-ephemeral-" + EPHEMERAL_SERVERS.incrementAndGet();
    }

    static ObjectName name(int port) {
        try {
            return new ObjectName("dev.poolkit.echo:type=EchoServer,port=" + port);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the bean; a failure (e.g. a name clash) is logged, never fatal to the server. */
    static ObjectName register(int port, Supplier<EchoStats> stats) {
        ObjectName name = name(port);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new EchoServerJmx(stats), name);
            return name;
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "could not register the JMX bean " + name + ": " + e);
            return null;
        }
    }

    static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister the JMX bean " + name + ": " + e);
        }
    }

    @Override
    public String getPool() {
        return stats.get().pool();
    }

    @Override
    public long getConnectionsOpen() {
        return stats.get().connectionsOpen();
    }

    @Override
    public long getConnectionsTotal() {
        return stats.get().connectionsTotal();
    }

    @Override
    public long getConnectionsRefused() {
        return stats.get().connectionsRefused();
    }

    @Override
    public long getBytesEchoed() {
        return stats.get().bytesEchoed();
    }

    @Override
    public long getMessagesEchoed() {
        return stats.get().messagesEchoed();
    }

    @Override
    public long getBufferWaits() {
        return stats.get().bufferWaits();
    }

    @Override
    public long getPoolInUse() {
        return stats.get().buffers().inUse();
    }

    @Override
    public long getPoolHighWater() {
        return stats.get().buffers().highWater();
    }

    @Override
    public long getPoolMisses() {
        return stats.get().buffers().misses();
    }

    @Override
    public long getPoolExhaustions() {
        return stats.get().buffers().exhaustions();
    }

    @Override
    public long getLoopAllocatedBytes() {
        return stats.get().loopAllocatedBytes();
    }

    @Override
    public double getAllocatedBytesPerMessage() {
        return stats.get().allocatedBytesPerMessage();
    }

    @Override
    public String getStatsJson() {
        return stats.get().toJson();
    }
}
