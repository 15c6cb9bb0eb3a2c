package io.stowage.transform.zstd;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reusable Zstandard contexts, which hold native memory that only {@code close()} frees: making one per call costs
 * an allocation and a free of that memory. Closing the pool frees every idle context at once and each busy one as it
 * comes back, so that nothing outlives the component.
 *
 * @param <C> the context type
 */
final class ContextPool<C> {

    private final Supplier<C> create;
    private final Consumer<C> free;
    private final int capacity;
    private final ConcurrentLinkedQueue<C> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean closed;

    ContextPool(Supplier<C> create, Consumer<C> free, int capacity) {
        this.create = create;
        this.free = free;
        this.capacity = capacity;
    }

    C borrow() {
        C context = idle.poll();
        if (context != null) {
            idleCount.decrementAndGet();
            return context;
        }
        live.incrementAndGet();
        return create.get();
    }

    void giveBack(C context) {
        if (!closed && idleCount.incrementAndGet() <= capacity) {
            idle.add(context);
            // A close that ran between the check and the add missed this context: take it back out
            if (closed && idle.remove(context)) {
                release(context);
            }
            return;
        }
        if (!closed) {
            idleCount.decrementAndGet();
        }
        release(context);
    }

    void close() {
        closed = true;
        for (C context = idle.poll(); context != null; context = idle.poll()) {
            release(context);
        }
    }

    /** Contexts made and not yet freed (idle or in use). */
    int live() {
        return live.get();
    }

    private void release(C context) {
        live.decrementAndGet();
        free.accept(context);
    }
}
