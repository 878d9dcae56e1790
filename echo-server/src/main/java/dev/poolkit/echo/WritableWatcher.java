package dev.poolkit.echo;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Slow path of {@link ThreadPerConnection}: one selector thread that tells stalled connection
 * threads when their socket takes bytes again. A blocking write cannot give its buffer back at a
 * deadline (the buffer is in use until the write returns), so a connection whose echo does not go
 * out at once switches its channel to non-blocking, registers it here and parks with a deadline
 * (the {@code --spill-after} and {@code --write-timeout} of {@link EventLoop}); this thread unparks
 * it when the socket is writable. Virtual threads park without holding a carrier, so hundreds of
 * stalled clients cost no thread each; the watcher is the only one that waits in {@code select}.
 *
 * <p>Leaving: a channel may be made blocking again only once its key is deregistered, which the
 * selector does at its next select; {@link #forget} cancels the key, wakes the selector, and the
 * watcher unparks the connection once that select has run.
 */
final class WritableWatcher implements Runnable {
    private static final System.Logger LOG = System.getLogger(WritableWatcher.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final ServerFailure server;
    /** Connections whose key was cancelled: unparked after the next select, which deregisters it. */
    private final Queue<ConnectionTask> leaving = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    WritableWatcher(String threadName, ServerFailure server) throws IOException {
        this.selector = Selector.open();
        this.server = server;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true); // the process lives as long as its main thread waits, not because of this
    }

    void start() {
        thread.start();
    }

    /** Watches {@code ch} (non-blocking) for writability on behalf of {@code task} (the connection's thread). */
    SelectionKey watch(SocketChannel ch, ConnectionTask task) throws IOException {
        SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE, task);
        selector.wakeup(); // the registration takes effect at the next select
        return key;
    }

    /** Watches {@code key} again after a write that did not take everything. */
    void rearm(SelectionKey key) {
        key.interestOps(SelectionKey.OP_WRITE);
        selector.wakeup();
    }

    /** Stops watching; {@code task} is unparked once its channel is deregistered (check {@code isRegistered()}). */
    void forget(SelectionKey key, ConnectionTask task) {
        key.cancel();
        leaving.add(task);
        selector.wakeup();
    }

    /** Ends the thread; call once no connection thread is left (their keys are deregistered by the close). */
    void stop() {
        stopped = true;
        selector.wakeup();
        EchoServer.join(thread, 10_000);
    }

    /** Releases the selector of a watcher that will never run (the server failed to start). */
    void closeUnstarted() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the write watcher's selector failed", e);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                selector.select(this::onWritable);
                for (ConnectionTask t = leaving.poll(); t != null; t = leaving.poll()) {
                    t.signal();
                }
            }
        } catch (Throwable t) { // without the watcher no stalled echo would ever resume
            server.fail("the write watcher failed", t);
        } finally {
            closeUnstarted(); // deregisters every key left, which lets their channels block or close
            for (ConnectionTask t = leaving.poll(); t != null; t = leaving.poll()) {
                t.signal();
            }
        }
    }

    private void onWritable(SelectionKey key) {
        try {
            key.interestOps(0); // once per wake-up: the connection re-arms if its write does not finish
        } catch (CancelledKeyException e) {
            // the connection is leaving; it is unparked through the leaving queue
        }
        ((ConnectionTask) key.attachment()).writable();
    }
}
