package io.stowage.kernel.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.StoreEvent;

/**
 * The last changes of one watched store, in commit order, in a ring of fixed size. A write to the store holds the
 * log's lock across its backend call and its {@link #append}, so positions follow commit order; readers (feeds and
 * listener cursors) each keep their own position and read under the same lock, briefly. A reader further behind
 * than the ring holds finds a gap, never a blocked writer.
 */
public final class ChangeLog {

    /** What a reader got: matching events, the position to read from next, or the gap it fell into. */
    public record Read(List<StoreEvent> events, long next, FeedGap gap) {
    }

    private final String store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final String[] keys;
    private final ChangeKind[] kinds;
    private final byte[][] values;
    private final long first;
    /** Guarded by {@code lock}. */
    private long next;
    private boolean appendedSinceLock;
    private final AtomicInteger valueReaders = new AtomicInteger();
    /** Whether some reader ever wanted values; guarded by {@code lock}. */
    private boolean valuesWanted;
    /** Whether a kept log counts as a value reader, so values are kept for the reader that comes back. */
    private boolean retainedForValues;
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();

    /** A log whose first change gets {@code firstPosition}, keeping the last {@code capacity} changes. */
    public ChangeLog(String store, long firstPosition, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a change log keeps at least 1 change, not " + capacity);
        }
        this.store = store;
        this.keys = new String[capacity];
        this.kinds = new ChangeKind[capacity];
        this.values = new byte[capacity][];
        this.first = firstPosition;
        this.next = firstPosition;
    }

    /** Taken by a write before its backend call, so that what it appends gets a position in commit order. */
    public void lock() {
        lock.lock();
    }

    /** Released after the write appended its changes (if any); readers waiting or scheduled are woken. */
    public void unlock() {
        boolean wake = appendedSinceLock;
        if (wake) {
            appendedSinceLock = false;
            appended.signalAll();
        }
        lock.unlock();
        if (wake) {
            for (Runnable waker : wakers) {
                waker.run();
            }
        }
    }

    /** Whether some reader wants the values of puts: only then does a write copy its value into the log. */
    public boolean keepsValues() {
        return valueReaders.get() > 0;
    }

    /** Appends a change under the lock a write holds; {@code value} is the log's own (copied) or null. */
    public void append(String key, ChangeKind kind, byte[] value) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a change is appended under the log's lock");
        }
        int slot = (int) Math.floorMod(next, (long) keys.length);
        keys[slot] = key;
        kinds[slot] = kind;
        values[slot] = value;
        next++;
        appendedSinceLock = true;
    }

    /** The position the next change will get. */
    public long nextPosition() {
        lock.lock();
        try {
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads from position {@code from}: the changes of keys {@code matching}, at most {@code max}, waiting up to
     * {@code waitNanos} for one to come. A position older than the ring holds is a gap, to be signalled to the reader
     * before it goes on from the oldest change kept; so is a position ahead of the log, from an earlier run.
     */
    public Read read(long from, int max, Predicate<String> matching, boolean withValues, long waitNanos)
            throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = waitNanos;
            while (from >= next && remaining > 0) {
                remaining = appended.awaitNanos(remaining);
            }
            long oldest = Math.max(first, next - keys.length);
            if (from < oldest || from > next) {
                // Older than the ring keeps, or a position this log never gave (an earlier run's): the reader
                // cannot know what it missed
                long resume = from < oldest ? oldest : next;
                return new Read(List.of(), resume, new FeedGap(store, from, resume));
            }
            List<StoreEvent> events = new ArrayList<>();
            long position = from;
            for (; position < next && events.size() < max; position++) {
                int slot = (int) Math.floorMod(position, (long) keys.length);
                if (matching.test(keys[slot])) {
                    byte[] value = withValues ? values[slot] : null;
                    if (withValues && value == null && kinds[slot] == ChangeKind.PUT) {
                        // Written while no reader wanted values: a put without its value would read as another
                        // value, so the reader learns it missed what the log did not keep
                        if (!events.isEmpty()) {
                            break;
                        }
                        long resume = firstWithValue(position + 1);
                        return new Read(List.of(), resume, new FeedGap(store, position, resume));
                    }
                    events.add(new StoreEvent(store, keys[slot], kinds[slot], position, value));
                }
            }
            return new Read(events, position, null);
        } finally {
            lock.unlock();
        }
    }

    /** The first position from {@code from} on that is not a put kept without its value. */
    private long firstWithValue(long from) {
        long position = from;
        while (position < next) {
            int slot = (int) Math.floorMod(position, (long) keys.length);
            if (kinds[slot] != ChangeKind.PUT || values[slot] != null) {
                break;
            }
            position++;
        }
        return position;
    }

    /** Counts a reader that wants values from now on (or no longer, with {@code false}). */
    void readsValues(boolean reads) {
        if (reads) {
            lock.lock();
            try {
                valuesWanted = true;
            } finally {
                lock.unlock();
            }
            valueReaders.incrementAndGet();
        } else {
            valueReaders.decrementAndGet();
        }
    }

    /**
     * Kept after its last reader left: if a reader ever wanted values, values go on being kept for the one that comes
     * back, until {@link #endRetention()}.
     */
    public void retain() {
        lock.lock();
        try {
            if (valuesWanted && !retainedForValues) {
                retainedForValues = true;
                valueReaders.incrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A reader came back, or the log is dropped: the retention no longer keeps values. */
    public void endRetention() {
        lock.lock();
        try {
            if (retainedForValues) {
                retainedForValues = false;
                valueReaders.decrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code waker} after every write that appended, outside the lock: how listener cursors are scheduled. */
    void onAppend(Runnable waker) {
        wakers.add(waker);
    }

    void noLongerOnAppend(Runnable waker) {
        wakers.remove(waker);
    }

    public String store() {
        return store;
    }
}
