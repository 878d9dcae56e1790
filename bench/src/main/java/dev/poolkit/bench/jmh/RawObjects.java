package dev.poolkit.bench.jmh;

import dev.poolkit.bench.jmh.ObjectSubjects.Session;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;

import java.util.concurrent.locks.ReentrantLock;

/** The bare twins of the object backends: each design with nothing of ours (see {@link RawBlocks}). */
final class RawObjects {
    private RawObjects() {
    }

    static final class FreeList extends Subject {
        private final ReentrantLock lock = new ReentrantLock();
        private final Session[] idle;
        private int top; // guarded by lock

        FreeList(int maxIdle) {
            idle = new Session[maxIdle];
        }

        @Override
        public Object acquire() {
            lock.lock();
            try {
                if (top > 0) {
                    Session s = idle[--top];
                    idle[top] = null;
                    return s;
                }
            } finally {
                lock.unlock();
            }
            return new Session();
        }

        @Override
        public void release(Object item) {
            Session s = (Session) item;
            s.reset();
            lock.lock();
            try {
                if (top < idle.length) {
                    idle[top++] = s;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    static final class Local extends Subject {
        private final MpmcArrayQueue<Session> shared;
        private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(Slot::new);

        static final class Slot {
            Session cached;
        }

        Local(int maxIdle) {
            shared = new MpmcArrayQueue<>(Math.max(2, maxIdle));
        }

        @Override
        public Object acquire() {
            Slot slot = slots.get();
            Session s = slot.cached;
            if (s != null) {
                slot.cached = null;
                return s;
            }
            s = shared.poll();
            return s != null ? s : new Session();
        }

        @Override
        public void release(Object item) {
            Session s = (Session) item;
            s.reset();
            Slot slot = slots.get();
            if (slot.cached == null) {
                slot.cached = s;
            } else {
                shared.offer(s); // dropped when full
            }
        }
    }

    static final class Jctools extends Subject {
        private final MessagePassingQueue<Session> idle;

        Jctools(int maxIdle) {
            idle = RawBlocks.jctoolsQueue(Math.max(2, maxIdle));
        }

        @Override
        public Object acquire() {
            Session s = idle.poll();
            return s != null ? s : new Session();
        }

        @Override
        public void release(Object item) {
            Session s = (Session) item;
            s.reset();
            idle.offer(s); // dropped when full
        }
    }
}
