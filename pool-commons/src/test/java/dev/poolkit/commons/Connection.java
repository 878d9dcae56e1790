package dev.poolkit.commons;

import java.util.ArrayList;
import java.util.List;

/** A stand-in for a pooled connection in the documentation example: it only records what was done to it. */
final class Connection {
    private final List<String> log = new ArrayList<>();
    private volatile boolean open = true;

    static Connection open() {
        return new Connection();
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
