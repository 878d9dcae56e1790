package dev.poolkit.internal.jfr;

import dev.poolkit.api.BlockPool;
import dev.poolkit.api.BlockPoolConfig;
import dev.poolkit.api.PoolStats;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Poolkit's JDK Flight Recorder events, emitted from slow paths only. Each method is called after
 * the caller's own cheap test (a sampling mask, a branch it takes anyway), then reads one volatile
 * flag, true iff some recording is running, before it makes its event and checks
 * {@code shouldCommit()}: with no recording running, nothing is allocated. (The JIT does not always
 * remove the event object of a disabled event by escape analysis, since these methods sit off the
 * inlined fast path: the echo server's allocation test saw 3 B per message from it.)
 */
public final class Events {
    /** Every event's name starts with this; the shipped {@code poolkit.jfc} turns on exactly these. */
    public static final String PREFIX = "dev.poolkit.";

    private static final Set<BlockPool> LIVE = Collections.newSetFromMap(new WeakHashMap<>());
    private static boolean listening; // guarded by LIVE
    /** True iff a recording is running; kept by the recorder's listener (see {@link #register}). */
    private static volatile boolean recording;

    private Events() {
    }

    public static void acquired(Object pool, int requested, int served, int samplingRate) {
        if (!recording) {
            return;
        }
        AcquireEvent e = new AcquireEvent();
        if (e.shouldCommit()) {
            e.pool = pool.toString();
            e.requested = requested;
            e.served = served;
            e.samplingRate = samplingRate;
            e.commit();
        }
    }

    public static void used(BlockPool pool, int used, int blockSize, int samplingRate) {
        if (!recording) {
            return;
        }
        UseEvent e = new UseEvent();
        if (e.shouldCommit()) {
            e.pool = pool.toString();
            e.used = used;
            e.blockSize = blockSize;
            e.full = used >= blockSize;
            e.samplingRate = samplingRate;
            e.commit();
        }
    }

    public static void exhausted(BlockPool pool) {
        if (!recording) {
            return;
        }
        ExhaustionEvent e = new ExhaustionEvent();
        if (e.shouldCommit()) {
            BlockPoolConfig c = pool.config();
            e.pool = pool.toString();
            e.blockSize = c.blockSize();
            e.capacity = c.capacity();
            e.policy = c.exhaustion().toString();
            e.commit();
        }
    }

    public static void unpooled(Object pool, int bytes) {
        if (!recording) {
            return;
        }
        UnpooledEvent e = new UnpooledEvent();
        if (e.shouldCommit()) {
            e.pool = pool.toString();
            e.bytes = bytes;
            e.commit();
        }
    }

    public static void oversize(Object pool, int requested, int largestClass, String policy) {
        if (!recording) {
            return;
        }
        OversizeEvent e = new OversizeEvent();
        if (e.shouldCommit()) {
            e.pool = pool.toString();
            e.requested = requested;
            e.largestClass = largestClass;
            e.policy = policy;
            e.commit();
        }
    }

    /** A thread starts waiting for a block; pass the result to {@link #endWait}. Wait path only: it allocates. */
    public static Object beginWait() {
        if (!recording) {
            return null;
        }
        WaitEvent e = new WaitEvent();
        e.begin();
        return e;
    }

    /** The wait begun by {@link #beginWait} ended, with a block or without. */
    public static void endWait(Object token, BlockPool pool, boolean gotBlock) {
        if (token == null) {
            return; // no recording ran when the wait began
        }
        WaitEvent e = (WaitEvent) token;
        e.end();
        if (e.shouldCommit()) {
            e.pool = pool.toString();
            e.blockSize = pool.config().blockSize();
            e.gotBlock = gotBlock;
            e.commit();
        }
    }

    /**
     * A pool was made: from now on the periodic {@code PoolStatistics} event reports it while a
     * recording asks for it. Weakly held, so a pool nobody closes is not kept alive.
     */
    public static void register(BlockPool pool) {
        synchronized (LIVE) {
            LIVE.add(pool);
            if (!listening) {
                listening = true;
                // Registering the periodic hook initialises Flight Recorder's metadata, so it waits
                // for the recorder itself to start: a process that never records pays nothing.
                FlightRecorder.addListener(new FlightRecorderListener() {
                    @Override
                    public void recorderInitialized(FlightRecorder recorder) {
                        FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, Events::statistics);
                        recording = anyRunning(recorder);
                    }

                    @Override
                    public void recordingStateChanged(Recording r) {
                        recording = anyRunning(FlightRecorder.getFlightRecorder());
                    }
                });
            }
        }
    }

    private static boolean anyRunning(FlightRecorder recorder) {
        for (Recording r : recorder.getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** A pool closed: one last statistics event (its high-water mark is the run's peak), then forgotten. */
    public static void closed(BlockPool pool) {
        synchronized (LIVE) {
            LIVE.remove(pool);
        }
        statistics(pool);
    }

    private static void statistics() {
        List<BlockPool> pools;
        synchronized (LIVE) {
            pools = new ArrayList<>(LIVE);
        }
        for (BlockPool p : pools) {
            statistics(p);
        }
    }

    private static void statistics(BlockPool p) {
        if (!recording) {
            return;
        }
        PoolStatisticsEvent e = new PoolStatisticsEvent();
        if (e.shouldCommit()) {
            PoolStats s = p.stats();
            e.pool = p.toString();
            e.backend = p.backend();
            e.blockSize = p.config().blockSize();
            e.capacity = p.config().capacity();
            e.inUse = s.inUse();
            e.highWater = s.highWater();
            e.acquires = s.acquires();
            e.misses = s.misses();
            e.exhaustions = s.exhaustions();
            e.commit();
        }
    }
}
