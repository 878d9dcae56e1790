package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Periodic: each live pool's counters, for the advisor's capacity (peak in use). */
@Name(Events.PREFIX + "PoolStatistics")
@Label("Pool Statistics")
@Category({"Poolkit"})
@Description("The counters of every live block pool, taken periodically")
@Enabled(false)
@Period("1 s")
@StackTrace(false)
final class PoolStatisticsEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Backend")
    String backend;
    @Label("Block Size")
    @DataAmount
    int blockSize;
    @Label("Capacity")
    int capacity;
    @Label("In Use")
    long inUse;
    @Label("High Water")
    long highWater;
    @Label("Acquires")
    long acquires;
    @Label("Misses")
    long misses;
    @Label("Exhaustions")
    long exhaustions;
}
