package io.stowage.storage.lmdb;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A fixed number of slots holding idle objects, taken and given back with one compare-and-set each and no
 * allocation: the pool of read transactions sits on every read.
 */
final class IdlePool<T> {

    private final AtomicReferenceArray<T> slots;

    IdlePool(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** An idle object, now the caller's, or null if none is idle. */
    T take() {
        for (int i = 0; i < slots.length(); i++) {
            T idle = slots.getPlain(i);
            if (idle != null && slots.compareAndSet(i, idle, null)) {
                return idle;
            }
        }
        return null;
    }

    /** Gives an object back; returns false if every slot is taken (the caller then disposes of it). */
    boolean give(T object) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, object)) {
                return true;
            }
        }
        return false;
    }

    /** Takes each idle object out in turn, lets the action work on it alone, and gives it back. */
    void forEachIdle(Consumer<T> action) {
        for (int i = 0; i < slots.length(); i++) {
            T idle = slots.get(i);
            if (idle != null && slots.compareAndSet(i, idle, null)) {
                try {
                    action.accept(idle);
                } finally {
                    if (!slots.compareAndSet(i, null, idle)) {
                        give(idle);
                    }
                }
            }
        }
    }

    void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }
}
