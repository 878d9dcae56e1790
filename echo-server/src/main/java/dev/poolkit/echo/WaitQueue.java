package dev.poolkit.echo;

/**
 * One event loop's connections waiting for a buffer, first come first served. Intrusive (the links
 * live in {@link Connection}) so waiting allocates nothing and a connection that closes while
 * waiting is unlinked in O(1). Used by the loop's thread only.
 */
final class WaitQueue {
    private Connection head;
    private Connection tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    Connection peek() {
        return head;
    }

    void add(Connection c) {
        assert !c.waiting : "connection queued twice for a buffer";
        c.waiting = true;
        c.prevWaiter = tail;
        c.nextWaiter = null;
        if (tail == null) {
            head = c;
        } else {
            tail.nextWaiter = c;
        }
        tail = c;
        size++;
    }

    /** Removes and returns the oldest waiter, or null. */
    Connection poll() {
        Connection c = head;
        if (c != null) {
            remove(c);
        }
        return c;
    }

    void remove(Connection c) {
        if (!c.waiting) {
            return;
        }
        if (c.prevWaiter == null) {
            head = c.nextWaiter;
        } else {
            c.prevWaiter.nextWaiter = c.nextWaiter;
        }
        if (c.nextWaiter == null) {
            tail = c.prevWaiter;
        } else {
            c.nextWaiter.prevWaiter = c.prevWaiter;
        }
        c.prevWaiter = null;
        c.nextWaiter = null;
        c.waiting = false;
        size--;
    }
}
