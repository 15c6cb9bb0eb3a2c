package io.stowage.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Epoch milliseconds that move only when a test says so, for a kernel whose expiry tests must be exact. */
public final class ManualClock implements LongSupplier {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @Override
    public long getAsLong() {
        return now.get();
    }

    /** Moves the time forward by {@code duration}. */
    public void advance(Duration duration) {
        now.addAndGet(duration.toMillis());
    }
}
