package io.stowage.kernel.feed;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.InvalidInputException;
import io.stowage.api.StoreClosedException;
import io.stowage.api.StoreEvent;

/** A pull feed: its own position in a store's {@link ChangeLog}, moved on by each {@link #poll}. */
public final class KernelFeed implements ChangeFeed {

    private final ChangeLog log;
    private final String label;
    private final Predicate<String> matching;
    private final boolean withValues;
    private final BooleanSupplier handleClosed;
    private final Runnable release;
    private final Object pollLock = new Object();
    private volatile long position;
    private volatile boolean closed;

    /**
     * @param label        the store as messages name it ({@code namespace/store})
     * @param from         the first position to deliver, or {@link ChangeFeed#NOW}
     * @param handleClosed whether the store handle the feed came from was closed: the feed ends with it
     * @param release      run once when the feed closes, to let the store drop its log if nothing else watches
     */
    public KernelFeed(ChangeLog log, String label, Predicate<String> matching, long from, boolean withValues,
            BooleanSupplier handleClosed, Runnable release) {
        this.log = log;
        this.label = label;
        this.matching = matching;
        this.withValues = withValues;
        this.handleClosed = handleClosed;
        this.release = release;
        this.position = from == NOW ? log.nextPosition() : from;
        if (withValues) {
            log.readsValues(true);
        }
    }

    @Override
    public List<StoreEvent> poll(int max, Duration wait) throws InterruptedException {
        if (max < 1) {
            throw new InvalidInputException("store " + label + ": a feed polls at least 1 change, not " + max);
        }
        if (wait == null || wait.isNegative()) {
            throw new InvalidInputException("store " + label + ": a feed's wait must be zero or more, not " + wait);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (pollLock) {
            while (true) {
                ensureOpen();
                ChangeLog.Read read = log.read(position, max, matching, withValues,
                        Math.max(0, deadline - System.nanoTime()));
                position = read.next();
                FeedGap gap = read.gap();
                if (gap != null) {
                    throw new FeedOverflowException("store " + label + ": the feed missed changes from position "
                            + gap.missedFrom() + " (the change log keeps the last ones of this run only); read the "
                            + "store again, then go on: the feed continues from " + gap.resumeFrom(), gap);
                }
                // Changes of other keys moved the position on; wait on for a matching one until the deadline
                if (!read.events().isEmpty() || deadline - System.nanoTime() <= 0) {
                    return read.events();
                }
            }
        }
    }

    @Override
    public long nextPosition() {
        return position;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (withValues) {
            log.readsValues(false);
        }
        release.run();
    }

    private void ensureOpen() {
        if (closed || handleClosed.getAsBoolean()) {
            throw new StoreClosedException("store " + label + ": the change feed is closed");
        }
    }

    @Override
    public String toString() {
        return "ChangeFeed[" + label + " @" + position + (closed ? ", closed]" : "]");
    }
}
