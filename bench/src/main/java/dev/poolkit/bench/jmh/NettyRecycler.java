package dev.poolkit.bench.jmh;

import io.netty.util.Recycler;

/**
 * Netty's object pool, {@link Recycler}, as Netty uses it: the pooled object keeps its handle and
 * recycles itself through it. Its fast path needs {@link FastThreadLocalExecutor}'s threads.
 */
final class NettyRecycler extends Subject {
    /** A {@link ObjectSubjects.Session} that knows its Recycler handle. */
    static final class RecycledSession extends ObjectSubjects.Session {
        private final Recycler.Handle<RecycledSession> handle;

        RecycledSession(Recycler.Handle<RecycledSession> handle) {
            this.handle = handle;
        }
    }

    private final Recycler<RecycledSession> recycler = new Recycler<>() {
        @Override
        protected RecycledSession newObject(Handle<RecycledSession> handle) {
            return new RecycledSession(handle);
        }
    };

    @Override
    public Object acquire() {
        return recycler.get();
    }

    @Override
    public void release(Object item) {
        RecycledSession s = (RecycledSession) item;
        s.reset();
        s.handle.recycle(s);
    }
}
