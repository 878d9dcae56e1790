package dev.poolkit.commons;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for a pooled connection in the documentation example: it only records what was done to it. */
final class Connection {
    /** Every connection opened since {@link #forgetOpened()}, so a test can look at them afterwards. */
    private static final List<Connection> OPENED = new CopyOnWriteArrayList<>();

    private final List<String> log = new ArrayList<>();
    private volatile boolean open = true;

    static Connection open() {
        Connection c = new Connection();
        OPENED.add(c);
        return c;
    }

    static void forgetOpened() {
        OPENED.clear();
    }

    static List<Connection> opened() {
        return List.copyOf(OPENED);
    }

    void send(String message) {
        log.add("send " + message);
    }

    void rollback() {
        log.add("rollback");
    }

    void close() {
        open = false;
        log.add("close");
    }

    boolean isOpen() {
        return open;
    }

    List<String> log() {
        return List.copyOf(log);
    }
}
