package dev.poolkit.echo;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.PoolRecording;
import dev.poolkit.api.PoolStats;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code --jfr FILE}: a flight recording of Poolkit's events (the shipped settings) for the whole
 * run, written when the server closes its buffers, after the pools' last statistics events: the
 * shutdown hook ends the JVM with {@code halt}, so the recorder's own exit dump would not run.
 */
final class RecordingBuffers implements BufferSource {
    private final BufferSource delegate;
    private final Recording recording;
    private final Path file;

    private RecordingBuffers(BufferSource delegate, Recording recording, Path file) {
        this.delegate = delegate;
        this.recording = recording;
        this.file = file;
    }

    /** Starts the recording; the returned operator wraps the server's buffers so their close ends it. */
    static java.util.function.UnaryOperator<BufferSource> start(Path file) {
        Recording r = new Recording(PoolRecording.settings());
        r.setName("poolkit-echo-server");
        r.setToDisk(true);
        try {
            r.setDestination(file.toAbsolutePath());
        } catch (IOException e) {
            r.close();
            throw new UncheckedIOException("cannot record to --jfr " + file + ": " + e.getMessage(), e);
        }
        r.start();
        return source -> new RecordingBuffers(source, r, file);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            try {
                recording.stop(); // writes the destination
            } catch (IllegalStateException alreadyStopped) {
                // stopped by the recorder's own shutdown: it has written the file
            }
            recording.close();
        }
    }

    Path file() {
        return file;
    }

    @Override
    public boolean lease(Connection c) {
        return delegate.lease(c);
    }

    @Override
    public void read(Connection c, int n, int room) {
        delegate.read(c, n, room);
    }

    @Override
    public void giveBack(Connection c) {
        delegate.giveBack(c);
    }

    @Override
    public void spill(Connection c) {
        delegate.spill(c);
    }

    @Override
    public boolean scarce() {
        return delegate.scarce();
    }

    @Override
    public BlockPool pool() {
        return delegate.pool();
    }

    @Override
    public PoolStats stats() {
        return delegate.stats();
    }

    @Override
    public long outstanding() {
        return delegate.outstanding();
    }

    @Override
    public String describeOutstanding() {
        return delegate.describeOutstanding();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
