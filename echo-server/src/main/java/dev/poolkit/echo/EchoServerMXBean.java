package dev.poolkit.echo;

/**
 * The server's figures over JMX, as {@code dev.poolkit.echo:type=EchoServer,port=PORT} on the
 * platform MBean server (see {@link EchoStats} for what each means). Every read takes a fresh
 * snapshot.
 */
public interface EchoServerMXBean {
    String getPool();

    long getConnectionsOpen();

    long getConnectionsTotal();

    long getConnectionsRefused();

    long getBytesEchoed();

    long getMessagesEchoed();

    long getBufferWaits();

    long getPoolInUse();

    long getPoolHighWater();

    long getPoolMisses();

    long getPoolExhaustions();

    long getLoopAllocatedBytes();

    double getAllocatedBytesPerMessage();

    /** Every figure at once, in the format of the final stats line. */
    String getStatsJson();
}
