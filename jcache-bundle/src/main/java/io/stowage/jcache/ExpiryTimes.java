package io.stowage.jcache;

import java.util.function.Supplier;

import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * A cache's expiry policy turned into absolute expiry times, in epoch milliseconds (0 for never), which the store
 * then keeps as the entries' TTLs. A policy that throws is taken to leave the expiry as it was (JSR-107 section 6.2,
 * "exceptions from the expiry policy").
 */
final class ExpiryTimes {

    /** No expiry: the entry is eternal. */
    static final long NEVER = 0;
    /** The policy asked for a zero duration: the entry is not stored, or is removed. */
    static final long NOW = -1;
    /** The policy left the expiry unchanged ({@code null} for an update or an access). */
    static final long UNCHANGED = -2;

    private final ExpiryPolicy policy;

    ExpiryTimes(ExpiryPolicy policy) {
        this.policy = policy;
    }

    /** When a new entry expires; a failing policy makes it eternal. */
    long forCreation(long now) {
        long at = at(policy::getExpiryForCreation, now);
        return at == UNCHANGED ? NEVER : at;
    }

    long forUpdate(long now) {
        return at(policy::getExpiryForUpdate, now);
    }

    long forAccess(long now) {
        return at(policy::getExpiryForAccess, now);
    }

    private static long at(Supplier<Duration> duration, long now) {
        Duration given;
        try {
            given = duration.get();
        } catch (RuntimeException e) {
            return UNCHANGED;
        }
        if (given == null) {
            return UNCHANGED;
        }
        if (given.isEternal()) {
            return NEVER;
        }
        if (given.isZero()) {
            return NOW;
        }
        // JCache durations are whole milliseconds or coarser, and a non-zero one is at least one
        return now + given.getTimeUnit().toMillis(given.getDurationAmount());
    }
}
