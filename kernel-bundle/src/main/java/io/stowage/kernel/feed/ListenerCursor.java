package io.stowage.kernel.feed;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.osgi.service.log.Logger;

import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;

/**
 * One whiteboard listener on one store: its position in the store's {@link ChangeLog}, drained on the kernel's
 * listener threads after each write that appended. One drain at a time per cursor keeps the store's commit order;
 * a listener slower than the writers falls behind in the ring, not in a queue of its own, and is told of the gap.
 */
public final class ListenerCursor {

    private static final int BATCH = 256;

    private final ChangeLog log;
    private final StoreListener listener;
    private final Predicate<String> matching;
    private final boolean withValues;
    private final Executor executor;
    private final Logger logger;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable waker = this::wake;
    private volatile long position;
    private volatile boolean closed;

    public ListenerCursor(ChangeLog log, StoreListener listener, Predicate<String> matching, boolean withValues,
            Executor executor, Logger logger) {
        this.log = log;
        this.listener = listener;
        this.matching = matching;
        this.withValues = withValues;
        this.executor = executor;
        this.logger = logger;
        this.position = log.nextPosition();
        if (withValues) {
            log.readsValues(true);
        }
        log.onAppend(waker);
    }

    /** Stops delivering; a drain running now ends after the change it is delivering. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.noLongerOnAppend(waker);
        if (withValues) {
            log.readsValues(false);
        }
    }

    public ChangeLog log() {
        return log;
    }

    private void wake() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (!closed) {
                ChangeLog.Read read = log.read(position, BATCH, matching, withValues, 0);
                if (read.gap() != null) {
                    position = read.next();
                    deliverGap(read);
                    continue;
                }
                for (StoreEvent event : read.events()) {
                    if (closed) {
                        return;
                    }
                    deliver(event);
                }
                boolean caughtUp = read.next() == position;
                position = read.next();
                if (caughtUp) {
                    scheduled.set(false);
                    // A write that appended after the read but before the flag was cleared found it set: look again
                    if (log.nextPosition() == position || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduled.set(false);
        }
    }

    private void deliver(StoreEvent event) {
        try {
            listener.changed(event);
        } catch (RuntimeException e) {
            logger.warn("store listener {} failed on {}: {}", listener, event, e.toString(), e);
        }
    }

    private void deliverGap(ChangeLog.Read read) {
        try {
            listener.missed(read.gap());
        } catch (RuntimeException e) {
            logger.warn("store listener {} failed on the gap {}: {}", listener, read.gap(), e.toString(), e);
        }
    }
}
