package io.stowage.kernel.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the operations running on one backend instance, so that ending the instance can first let no new operation
 * in and then wait, a bounded time, for those already running.
 *
 * <p>One atomic counter, not a {@code LongAdder}: an adder's sum may read zero while an operation runs, when other
 * threads' increments and decrements land in different cells.
 */
public final class InFlight {

    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

    /** Registers an operation; false once closing began, and then nothing is registered. */
    boolean enter() {
        running.incrementAndGet();
        if (closed) {
            running.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        running.decrementAndGet();
    }

    boolean isClosed() {
        return closed;
    }

    public int running() {
        return Math.max(0, running.get());
    }

    /**
     * Lets no new operation in, then waits up to {@code timeoutMillis} for the running ones to finish. Returns
     * whether all did.
     */
    public boolean close(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
