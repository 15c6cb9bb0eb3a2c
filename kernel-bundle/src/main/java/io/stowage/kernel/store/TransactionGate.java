package io.stowage.kernel.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Makes sure a transaction that keeps conflicting gets its turn: a store's transactions run their attempts side by
 * side (sharing this gate), but from the later half of the allowed attempts on, an attempt runs alone among this
 * kernel's transactions of the store. Without it a transaction reading much (a snapshot of a whole range) can lose
 * every attempt to short ones committing meanwhile. Writes outside transactions, and other processes sharing a
 * backend, still conflict with it: the gate promises progress among this kernel's transactions only.
 *
 * <p>Neither mode waits longer than the operation timeout, after which the attempt runs without the gate: a work
 * function that waits for another transaction of the same store must not deadlock the two. An attempt inside another
 * transaction of the store on the same thread never asks for the exclusive mode, which it could not get.
 */
final class TransactionGate {

    /** Fair, so that an attempt waiting to run alone is not passed by a stream of newer shared attempts. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Enters the gate for an attempt; returns what to unlock when it is done, or null if it runs ungated. */
    Lock enter(int attempt, int attempts, long timeoutMillis) {
        boolean alone = attempt > 1 && attempt > attempts / 2 && lock.getReadHoldCount() == 0;
        Lock mode = alone ? lock.writeLock() : lock.readLock();
        if (mode.tryLock()) {
            return mode;
        }
        try {
            return mode.tryLock(timeoutMillis, TimeUnit.MILLISECONDS) ? mode : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
