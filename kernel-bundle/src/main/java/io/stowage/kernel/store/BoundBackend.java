package io.stowage.kernel.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * A live backend instance, what the kernel knows of it, and the operations running on it: every operation enters
 * before it calls the backend and exits after, so that ending the instance can let no new operation in and then
 * wait, a bounded time, for those already running ({@link #close}).
 *
 * <p>One atomic counter, not a {@code LongAdder}: an adder's sum may read zero while an operation runs, when other
 * threads' increments and decrements land in different cells.
 */
public final class BoundBackend {

    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final AtomicLong SERIALS = new AtomicLong();

    private final StorageBackend backend;
    private final String type;
    private final String version;
    private final Set<Capability> capabilities;
    private final AtomicInteger running = new AtomicInteger();
    private final long serial = SERIALS.incrementAndGet();
    private volatile boolean closed;

    public BoundBackend(StorageBackend backend, String type, String version) {
        this.backend = backend;
        this.type = type;
        this.version = version;
        // In Capability's order, so every listing prints them alike; Set.copyOf's order changes from run to run
        EnumSet<Capability> ordered = EnumSet.noneOf(Capability.class);
        ordered.addAll(backend.capabilities());
        this.capabilities = Collections.unmodifiableSet(ordered);
    }

    public StorageBackend backend() {
        return backend;
    }

    /** Tells this instance apart from every other one the kernel bound, without keeping it reachable. */
    public long serial() {
        return serial;
    }

    public String type() {
        return type;
    }

    public String version() {
        return version;
    }

    /** What the instance can do, iterated in {@link Capability}'s order. */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Volatile backends lose their data when an instance ends: the kernel hands it over to the next one. */
    public boolean isDurable() {
        return capabilities.contains(Capability.DURABLE);
    }

    /** Registers an operation; false once closing began, and then nothing is registered. */
    boolean enter() {
        running.incrementAndGet();
        if (closed) {
            running.decrementAndGet();
            return false;
        }
        return true;
    }

    /** An operation that {@link #enter}ed is done. */
    public void exit() {
        running.decrementAndGet();
    }

    /** Whether it is being (or was) ended: it lets no operation in. */
    public boolean isRetired() {
        return closed;
    }

    /** Operations running on it now. */
    public int running() {
        return Math.max(0, running.get());
    }

    /**
     * Lets no new operation in, then waits up to {@code timeoutMillis} for the running ones to finish. Returns
     * whether all did.
     */
    public boolean close(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    @Override
    public String toString() {
        return "BoundBackend[" + type + " " + version + (closed ? ", retired]" : "]");
    }
}
