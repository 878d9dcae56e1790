package dev.poolkit.commons;

import dev.poolkit.api.ObjectPoolConfig;
import org.apache.commons.pool2.DestroyMode;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One log of every lifecycle call, at both levels: Commons Pool's calls into our
 * {@link PooledObjectFactory} adapter ({@code makeObject}, ...) and the adapter's calls into the
 * user's hooks ({@code make:1}, {@code reset:1}, {@code discard:1}, {@code valid:1}). Tests assert
 * the exact sequence. Failures can be scripted, one call at a time. Single-threaded tests only.
 */
final class Lifecycle {
    /** A pooled test object with a serial number. */
    static final class Item {
        final int serial;

        Item(int serial) {
            this.serial = serial;
        }

        @Override
        public String toString() {
            return "Item#" + serial;
        }
    }

    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger made = new AtomicInteger();
    private RuntimeException failNextMake;
    private RuntimeException failNextReset;
    private boolean invalid;

    /** An object pool config whose factory, reset and onDiscard are recorded. */
    ObjectPoolConfig<Item> config(int maxIdle) {
        return ObjectPoolConfig.builder(this::make).reset(this::reset).onDiscard(i -> calls.add("discard:" + i.serial))
                .maxIdle(maxIdle).build();
    }

    /** Our adapter wrapped so that each call Commons Pool makes into it is recorded first. */
    PooledObjectFactory<Item> recording(PooledObjectFactory<Item> adapter) {
        return new PooledObjectFactory<>() {
            @Override
            public PooledObject<Item> makeObject() throws Exception {
                calls.add("makeObject");
                return adapter.makeObject();
            }

            @Override
            public void destroyObject(PooledObject<Item> p) throws Exception {
                destroyObject(p, DestroyMode.NORMAL);
            }

            @Override
            public void destroyObject(PooledObject<Item> p, DestroyMode mode) throws Exception {
                calls.add("destroyObject" + (mode == DestroyMode.NORMAL ? "" : ":" + mode));
                adapter.destroyObject(p, mode);
            }

            @Override
            public boolean validateObject(PooledObject<Item> p) {
                calls.add("validateObject");
                return adapter.validateObject(p);
            }

            @Override
            public void activateObject(PooledObject<Item> p) throws Exception {
                calls.add("activateObject");
                adapter.activateObject(p);
            }

            @Override
            public void passivateObject(PooledObject<Item> p) throws Exception {
                calls.add("passivateObject");
                adapter.passivateObject(p);
            }
        };
    }

    /** A validator that records its calls and answers what {@link #invalidFromNowOn} said. */
    boolean valid(Item item) {
        calls.add("valid:" + item.serial);
        return !invalid;
    }

    void invalidFromNowOn() {
        invalid = true;
    }

    void failNextMake(RuntimeException e) {
        failNextMake = e;
    }

    void failNextReset(RuntimeException e) {
        failNextReset = e;
    }

    /** The calls since the last look, and forgets them. */
    List<String> take() {
        List<String> c = List.copyOf(calls);
        calls.clear();
        return c;
    }

    private Item make() {
        RuntimeException f = failNextMake;
        if (f != null) {
            failNextMake = null;
            calls.add("make:failed");
            throw f;
        }
        Item i = new Item(made.incrementAndGet());
        calls.add("make:" + i.serial);
        return i;
    }

    private void reset(Item i) {
        RuntimeException f = failNextReset;
        if (f != null) {
            failNextReset = null;
            calls.add("reset:failed:" + i.serial);
            throw f;
        }
        calls.add("reset:" + i.serial);
    }
}
