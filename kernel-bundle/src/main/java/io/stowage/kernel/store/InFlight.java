package io.stowage.kernel.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operations of a store in flight, counted so that a change to how the store is written (a migration starts, a change
 * log opens, an index is created) can wait for every operation that began before it and so may not have seen it.
 * Operations count in one of two slots, the current one; a wait makes the other slot current and waits for the one
 * it left to empty. Operations that begin meanwhile count in the new slot, so a store under constant load cannot
 * starve the wait, as one counter that had to reach zero could.
 */
final class InFlight {

    private final AtomicInteger[] slots = {new AtomicInteger(), new AtomicInteger()};
    private volatile int current;

    /** Counts an operation in; returns the slot to give {@link #exit}. */
    int enter() {
        while (true) {
            int slot = current;
            slots[slot].incrementAndGet();
            if (current == slot) {
                return slot;
            }
            // A wait switched slots meanwhile: count in the new one, or that wait might miss this operation
            slots[slot].decrementAndGet();
        }
    }

    void exit(int slot) {
        slots[slot].decrementAndGet();
    }

    /**
     * Waits until every operation that entered before this call has exited; false if some still ran after the
     * timeout (a later wait then waits for them too).
     */
    synchronized boolean awaitEarlier(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int left = current;
        // An earlier wait that timed out may have left operations in the other slot: they began before this call too
        if (!drained(slots[1 - left], deadline)) {
            return false;
        }
        current = 1 - left;
        return drained(slots[left], deadline);
    }

    private static boolean drained(AtomicInteger slot, long deadline) {
        while (slot.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
