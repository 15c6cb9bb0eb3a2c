package io.stowage.kernel.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A few counters that many threads add to and few read, with no atomic instruction per add: each thread adds to an
 * array of its own (one writer, so reading its own count plainly and writing it back loses nothing), and a sum reads
 * every thread's array. A {@code LongAdder}'s uncontended add is a compare-and-set, a locked instruction; the two a
 * kernel get made cost about 7 % of a get on the memory backend (issue 14, docs/benchmarks.md).
 *
 * <p>A thread's array is a plain {@code long[]} kept by a plain {@link ThreadLocal}, so a thread that outlives the
 * kernel bundle pins none of its classes. The arrays of threads that ended are folded into one sum when counts are
 * read: a thread's end happens before another thread sees it ended, so its last adds are in.
 */
final class ThreadCounters {

    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    private record Owned(long[] counts, WeakReference<Thread> owner) {
        boolean ended() {
            Thread thread = owner.get();
            return thread == null || !thread.isAlive();
        }
    }

    private final int width;
    private final ThreadLocal<long[]> own = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Owned> owned = new ConcurrentLinkedQueue<>();
    /** The counts of threads that ended; guarded by {@code this}. */
    private final long[] ofEnded;

    /** {@code width} counters, numbered from 0. */
    ThreadCounters(int width) {
        this.width = width;
        this.ofEnded = new long[width];
    }

    /** Adds to counter {@code counter} for the calling thread. */
    void add(int counter, long amount) {
        long[] counts = own.get();
        if (counts == null) {
            counts = register();
        }
        // Only this thread writes here: an opaque write is enough for others to see it, whole, soon
        COUNT.setOpaque(counts, counter, counts[counter] + amount);
    }

    /** The calling thread's array for the counters. */
    long[] mine() {
        long[] counts = own.get();
        return counts != null ? counts : register();
    }

    /** Adds to a counter of an array {@link #mine()} gave the calling thread. */
    static void add(long[] mine, int counter, long amount) {
        COUNT.setOpaque(mine, counter, mine[counter] + amount);
    }

    /** Counter {@code counter} over every thread, those that ended included. */
    synchronized long sum(int counter) {
        long sum = ofEnded[counter];
        for (Iterator<Owned> it = owned.iterator(); it.hasNext(); ) {
            Owned one = it.next();
            if (one.ended()) {
                for (int i = 0; i < width; i++) {
                    ofEnded[i] += (long) COUNT.getOpaque(one.counts(), i);
                }
                it.remove();
                sum += one.counts()[counter];
            } else {
                sum += (long) COUNT.getOpaque(one.counts(), counter);
            }
        }
        return sum;
    }

    private long[] register() {
        long[] counts = new long[width];
        own.set(counts);
        owned.add(new Owned(counts, new WeakReference<>(Thread.currentThread())));
        return counts;
    }
}
