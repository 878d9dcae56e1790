package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A request larger than the largest size class. Every one is recorded (no sampling): they are rare and telling. */
@Name(Events.PREFIX + "Oversize")
@Label("Oversize Request")
@Category({"Poolkit"})
@Description("A SizeClassPool was asked for more bytes than its largest class holds")
@StackTrace(false)
final class OversizeEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Requested")
    @DataAmount
    int requested;
    @Label("Largest Class")
    @DataAmount
    int largestClass;
    @Label("Policy")
    String policy;
}
