package dev.poolkit.echo;

/**
 * A first-in first-out list of one event loop's connections, intrusive (the links live in
 * {@link Connection}) so that joining allocates nothing and a connection that closes is unlinked in
 * O(1). A connection is in at most one queue at a time ({@link Connection#queue}): a loop keeps one
 * for connections waiting for a buffer and one for stalled connections still holding a pool block.
 * Used by the loop's thread only.
 */
final class ConnectionQueue {
    private Connection head;
    private Connection tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    boolean contains(Connection c) {
        return c.queue == this;
    }

    /** The oldest, or null. */
    Connection peek() {
        return head;
    }

    void add(Connection c) {
        assert c.queue == null : "connection already queued";
        c.queue = this;
        c.prev = tail;
        c.next = null;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
        size++;
    }

    /** Removes and returns the oldest, or null. */
    Connection poll() {
        Connection c = head;
        if (c != null) {
            remove(c);
        }
        return c;
    }

    /** Unlinks {@code c}; does nothing if it is not in this queue. */
    void remove(Connection c) {
        if (c.queue != this) {
            return;
        }
        if (c.prev == null) {
            head = c.next;
        } else {
            c.prev.next = c.next;
        }
        if (c.next == null) {
            tail = c.prev;
        } else {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        c.queue = null;
        size--;
    }
}
