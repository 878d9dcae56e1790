package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A caller found no free block. On by default: it is a slow path, and worth knowing about. */
@Name(Events.PREFIX + "Exhaustion")
@Label("Pool Exhaustion")
@Category({"Poolkit"})
@Description("A caller found no free block: tryAcquire returned null, or acquire entered its exhaustion policy")
@StackTrace(false)
final class ExhaustionEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Block Size")
    @DataAmount
    int blockSize;
    @Label("Capacity")
    int capacity;
    @Label("Policy")
    String policy;
}
