package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** An acquire that waited for a release (ExhaustionPolicy.await); its duration is the wait. */
@Name(Events.PREFIX + "Wait")
@Label("Pool Wait")
@Category({"Poolkit"})
@Description("An acquire waited for another thread to release a block; the duration is the time waited")
@Threshold("10 ms")
@StackTrace(false)
final class WaitEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Block Size")
    @DataAmount
    int blockSize;
    @Label("Got Block")
    @Description("False when the wait ended in PoolExhaustedException")
    boolean gotBlock;
}
