package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One in {@code samplingRate} reports of how many bytes of a block its holder really used, for
 * callers that learn the size only after acquiring (a read into the block).
 */
@Name(Events.PREFIX + "BlockUse")
@Label("Block Use (sampled)")
@Category({"Poolkit"})
@Description("A sample of the bytes a holder really used of a block (e.g. the length of a read into it)."
        + " Each event stands for samplingRate uses.")
@Enabled(false)
@StackTrace(false)
final class UseEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Used")
    @DataAmount
    int used;
    @Label("Block Size")
    @DataAmount
    int blockSize;
    @Label("Full")
    @Description("The holder filled the whole block: the demand may have been larger")
    boolean full;
    @Label("Sampling Rate")
    int samplingRate;
}
