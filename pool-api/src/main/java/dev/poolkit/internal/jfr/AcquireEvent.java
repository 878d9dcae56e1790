package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One in {@code samplingRate} acquires of a size-class pool: what was asked for and what was
 * served. Off unless a recording turns it on (the shipped {@code poolkit.jfc} does): sampled acquires
 * of a busy pool would otherwise fill every user's recording.
 */
@Name(Events.PREFIX + "Acquire")
@Label("Block Acquire (sampled)")
@Category({"Poolkit"})
@Description("A sample of the acquires of a SizeClassPool: the bytes requested and the block size served."
        + " Each event stands for samplingRate acquires.")
@Enabled(false)
@StackTrace(false)
final class AcquireEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Requested")
    @DataAmount
    int requested;
    @Label("Served")
    @Description("Block size of the class that served the request")
    @DataAmount
    int served;
    @Label("Sampling Rate")
    @Description("Acquires this event stands for")
    int samplingRate;
}
