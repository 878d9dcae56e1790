package dev.poolkit.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A miss: an unpooled block was handed out because the pool was exhausted. */
@Name(Events.PREFIX + "Unpooled")
@Label("Unpooled Block (miss)")
@Category({"Poolkit"})
@Description("The pool was exhausted and handed out a fresh block outside its slab (counted as a miss)")
@StackTrace(false)
final class UnpooledEvent extends jdk.jfr.Event {
    @Label("Pool")
    String pool;
    @Label("Bytes")
    @DataAmount
    int bytes;
}
