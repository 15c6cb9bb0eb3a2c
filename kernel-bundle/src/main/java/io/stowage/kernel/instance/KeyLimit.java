package io.stowage.kernel.instance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.stowage.api.StorageFullException;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.StorageBackend;

/**
 * An instance's {@link StorageBackend#maxKeys()} kept by an overlay that shows more keys than the instance holds: the
 * entries handed over and still loading, and the instance's own. It counts the keys the overlay shows, which only
 * the overlay changes while it loads; each change holds the locks of its keys, so that whether a key is shown cannot
 * change between the count's check and the write. Once loading ends the instance keeps its limit by itself.
 */
final class KeyLimit {

    private static final KeyLimit NONE = new KeyLimit(Long.MAX_VALUE, 0, key -> false, () -> false);

    private final long maxKeys;
    private final AtomicLong shown;
    private final Predicate<byte[]> isShown;
    private final BooleanSupplier counting;

    private KeyLimit(long maxKeys, long shown, Predicate<byte[]> isShown, BooleanSupplier counting) {
        this.maxKeys = maxKeys;
        this.shown = new AtomicLong(shown);
        this.isShown = isShown;
        this.counting = counting;
    }

    /**
     * The limit, or one that keeps none if the instance has no limit in keys ({@code shown}, which may walk the
     * entries, is then not asked); it counts while {@code counting} says so.
     */
    static KeyLimit of(long maxKeys, LongSupplier shown, Predicate<byte[]> isShown, BooleanSupplier counting) {
        return isBounded(maxKeys) ? new KeyLimit(maxKeys, shown.getAsLong(), isShown, counting) : NONE;
    }

    /** Whether there is a limit to keep at all. */
    static boolean isBounded(long maxKeys) {
        return maxKeys != Long.MAX_VALUE;
    }

    /**
     * Takes room for what the mutations add to the keys shown, or throws having taken none; returns what to
     * {@link #settle}, or null if nothing is counted.
     */
    KeyCountChange reserve(List<BackendMutation> mutations) {
        if (this == NONE || !counting.getAsBoolean()) {
            return null;
        }
        KeyCountChange change = KeyCountChange.of(mutations, isShown);
        while (change.peak() > 0) {
            long now = shown.get();
            if (now + change.peak() > maxKeys) {
                throw full(maxKeys, "counting the entries handed over to it that still load");
            }
            if (shown.compareAndSet(now, now + change.peak())) {
                break;
            }
        }
        return change;
    }

    /** The reserved change was applied, or (not {@code applied}) nothing of it was; null settles nothing. */
    void settle(KeyCountChange change, boolean applied) {
        if (change != null) {
            shown.addAndGet((applied ? change.net() : 0) - change.peak());
        }
    }

    /** A key that was shown is gone. */
    void removed() {
        if (this != NONE && counting.getAsBoolean()) {
            shown.decrementAndGet();
        }
    }

    static StorageFullException full(long maxKeys, String counting) {
        return new StorageFullException("the backend instance is full: it holds its limit of " + maxKeys
                + " keys (maxKeys), " + counting + "; delete keys or raise the limit");
    }
}
