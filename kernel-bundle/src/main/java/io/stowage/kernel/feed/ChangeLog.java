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
 * The last changes of one watched store, in commit order, in a ring of fixed size. It is fed one of two ways: by the
 * kernel's writes, each holding the log's lock across its backend call and its {@link #append}, so positions follow
 * commit order and count up by one; or, when the store's instance keeps a change stream, by a
 * {@link StreamFollower} that appends the stream's changes at the stream's positions ({@link #appendFollowed}), which
 * only increase. Readers (feeds and listener cursors) each keep their own position and read under the same lock,
 * briefly. A reader further behind than the ring holds, or from before a change of feeding ({@link #unfollow}), finds
 * a gap, never a blocked writer.
 */
public final class ChangeLog {

    /** What a reader got: matching events, the position to read from next, or the gap it fell into. */
    public record Read(List<StoreEvent> events, long next, FeedGap gap) {
    }

    private final String store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final String[] keys;
    /** A slot's kind; null marks a break, where the feeding changed and readers crossing it get a gap. */
    private final ChangeKind[] kinds;
    private final byte[][] values;
    private final long[] positions;
    /** Changes (and breaks) appended so far, the ring's slot of the next being {@code count % capacity}; guarded. */
    private long count;
    /** The lowest position a reader may read from without a gap; guarded by {@code lock}. */
    private long floor;
    /** One above the last position appended: the position the kernel's next change gets. Guarded by {@code lock}. */
    private long next;
    /** The follower feeding the log, {@link #AWAITING} while its first follower loads, or null: the kernel's writes. */
    private volatile Object feeder;
    /** Whether the kernel's writes fed the log at some time, giving positions of their own. */
    private volatile boolean kernelFed;
    /** The lowest position the first follower may give readers without a gap (above positions given before). */
    private final long lowestStreamFloor;
    private boolean appendedSinceLock;
    private final AtomicInteger valueReaders = new AtomicInteger();
    /** Whether some reader ever wanted values; guarded by {@code lock}. */
    private boolean valuesWanted;
    /** Whether a kept log counts as a value reader, so values are kept for the reader that comes back. */
    private boolean retainedForValues;
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();

    /** What {@link #feeder} holds while the log waits for its first follower: writes record nothing meanwhile. */
    private static final Object AWAITING = new Object();

    /** A log whose first change gets {@code firstPosition}, keeping the last {@code capacity} changes. */
    public ChangeLog(String store, long firstPosition, int capacity) {
        this(store, firstPosition, capacity, -1);
    }

    /**
     * @param lowestStreamFloor -1: the kernel's writes feed the log. 0 or more: a follower will
     *                          ({@link #follow}), and until it does, writes leave their changes to the stream
     *                          ({@link #awaitsFollower()}); readers of its changes get a gap below this position
     *                          (where positions the store's earlier logs gave end)
     */
    public ChangeLog(String store, long firstPosition, int capacity, long lowestStreamFloor) {
        boolean awaitsFollower = lowestStreamFloor >= 0;
        if (capacity < 1) {
            throw new IllegalArgumentException("a change log keeps at least 1 change, not " + capacity);
        }
        this.store = store;
        this.keys = new String[capacity];
        this.kinds = new ChangeKind[capacity];
        this.values = new byte[capacity][];
        this.positions = new long[capacity];
        this.floor = firstPosition;
        this.next = firstPosition;
        this.feeder = awaitsFollower ? AWAITING : null;
        this.kernelFed = !awaitsFollower;
        this.lowestStreamFloor = lowestStreamFloor;
    }

    /** How many changes the ring keeps. */
    public int capacity() {
        return keys.length;
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
        appendAt(next, key, kind, value);
    }

    private void appendAt(long position, String key, ChangeKind kind, byte[] value) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a change is appended under the log's lock");
        }
        int slot = (int) (count % keys.length);
        if (count >= keys.length) {
            floor = positions[slot] + 1;
        }
        keys[slot] = key;
        kinds[slot] = kind;
        values[slot] = value;
        positions[slot] = position;
        count++;
        next = position + 1;
        appendedSinceLock = true;
    }

    /**
     * A break where the log's feeding changes: a reader whose position lies before it gets a gap there, since the
     * changes the new feeding brings are not known to follow the old ones seamlessly. Under the lock.
     */
    private void appendBreak() {
        appendAt(next, null, null, null);
    }

    /** The follower feeding the log now, or null (the kernel's writes, or a follower still loading). */
    public StreamFollower follower() {
        return feeder instanceof StreamFollower follower ? follower : null;
    }

    /** Whether the log waits for its first follower: writes leave their changes to the stream meanwhile. */
    public boolean awaitsFollower() {
        return feeder == AWAITING;
    }

    /** Whether the kernel's writes fed the log at some time, so its positions are not (all) a stream's. */
    public boolean kernelFed() {
        return kernelFed;
    }

    /**
     * From now on {@code follower} feeds the log, under the lock. The first follower of a log that awaited one loads
     * {@code loaded} (the stream's latest changes) and reads from {@code floor} without a gap (or from further on,
     * if the log's own positions already went further); any later one starts after a break, since what the log
     * showed before does not join its stream seamlessly.
     */
    public void follow(StreamFollower follower, long streamFloor, List<Followed> loaded) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a follower starts under the log's lock");
        }
        if (feeder == AWAITING && count == 0) {
            floor = Math.max(lowestStreamFloor, streamFloor);
            next = floor;
            feeder = follower;
            appendFollowed(follower, loaded);
        } else {
            if (count == 0 || kinds[slot(count - 1)] != null) {
                appendBreak();
            }
            feeder = follower;
        }
    }

    /**
     * Appends changes the follower read, in the stream's order, unless it no longer feeds the log (then returns
     * false). A change whose key is not one of the store's (an index entry) is left out; one at a position the log
     * has passed (its own positions ran ahead of the stream's clock) cannot be placed, and leaves a break instead.
     */
    public boolean appendFollowed(StreamFollower follower, List<Followed> changes) {
        lock.lock();
        try {
            if (feeder != follower) {
                return false;
            }
            boolean broken = false;
            for (Followed change : changes) {
                if (change.position() < next) {
                    if (!broken) {
                        appendBreak();
                        broken = true;
                    }
                } else if (change.key() != null) {
                    appendAt(change.position(), change.key(), change.kind(), change.value());
                }
            }
            return true;
        } finally {
            unlock();
        }
    }

    /**
     * The log's feeding changes away from {@code follower} (its instance no longer serves the store, or a migration
     * began): a break, and the kernel's writes feed the log until a follower is started again. Under the lock; does
     * nothing if {@code follower} no longer feeds the log.
     */
    public void unfollow(Object follower) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a follower ends under the log's lock");
        }
        if (feeder == follower && follower != null) {
            feeder = null;
            kernelFed = true;
            appendBreak();
            if (follower instanceof StreamFollower stopping) {
                stopping.stop();
            }
        }
    }

    /**
     * No follower comes after all (the stream could not be read, or the store moved meanwhile): the kernel's writes
     * feed the log, after a break, since writes meanwhile recorded nothing. Under the lock.
     */
    public void awaitedInVain() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a log's feeding changes under its lock");
        }
        if (feeder == AWAITING) {
            feeder = null;
            kernelFed = true;
            appendBreak();
        }
    }

    /** Ends the log's follower, if any, as the log is dropped or the kernel stops; returns it, to be joined. */
    public StreamFollower close() {
        lock.lock();
        try {
            StreamFollower follower = follower();
            feeder = null;
            if (follower != null) {
                follower.stop();
            }
            return follower;
        } finally {
            lock.unlock();
        }
    }

    /** A change as a follower read it from the stream; {@code key} null for a key that is not one of the store's. */
    public record Followed(long position, String key, ChangeKind kind, byte[] value) {
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
            long oldestSeq = Math.max(0, count - keys.length);
            if (from < floor || from > next) {
                // Older than the ring keeps, or a position this log never gave (an earlier run's): the reader
                // cannot know what it missed
                long resume = from > next || oldestSeq == count ? next : positions[slot(oldestSeq)];
                return new Read(List.of(), resume, new FeedGap(store, from, resume));
            }
            List<StoreEvent> events = new ArrayList<>();
            long position = from;
            for (long seq = firstAtOrAfter(from, oldestSeq); seq < count && events.size() < max; seq++) {
                int slot = slot(seq);
                long at = positions[slot];
                if (kinds[slot] == null) {
                    // A break: the feeding changed here
                    if (!events.isEmpty()) {
                        break;
                    }
                    return new Read(List.of(), at + 1, new FeedGap(store, position, at + 1));
                }
                if (matching.test(keys[slot])) {
                    byte[] value = withValues ? values[slot] : null;
                    if (withValues && value == null && kinds[slot] == ChangeKind.PUT) {
                        // Written while no reader wanted values: a put without its value would read as another
                        // value, so the reader learns it missed what the log did not keep
                        if (!events.isEmpty()) {
                            break;
                        }
                        long resume = firstWithValue(seq + 1);
                        return new Read(List.of(), resume, new FeedGap(store, at, resume));
                    }
                    events.add(new StoreEvent(store, keys[slot], kinds[slot], at, value));
                }
                position = at + 1;
            }
            return new Read(events, position, null);
        } finally {
            lock.unlock();
        }
    }

    /** The position of the first change from sequence {@code seq} on that is not a put kept without its value. */
    private long firstWithValue(long seq) {
        for (long at = seq; at < count; at++) {
            int slot = slot(at);
            if (kinds[slot] != ChangeKind.PUT || values[slot] != null) {
                return positions[slot];
            }
        }
        return next;
    }

    /** The sequence of the first change kept at {@code position} or above, {@code count} if there is none. */
    private long firstAtOrAfter(long position, long oldestSeq) {
        long low = oldestSeq;
        long high = count;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (positions[slot(middle)] < position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int slot(long seq) {
        return (int) (seq % keys.length);
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
