package io.stowage.kernel.store;

import java.time.Duration;

import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidTtlException;
import io.stowage.api.Limits;

/**
 * The checks on what a caller passes a store besides keys ({@link KeyCodec}) and values ({@link ValueEnvelope}): page
 * limits and TTLs; messages name the store and the key.
 */
final class StoreInput {

    private StoreInput() {
    }

    static void checkLimit(String label, int limit) {
        if (limit < 1 || limit > Limits.MAX_PAGE_SIZE) {
            throw new InvalidInputException("store " + label + ": page limit " + limit + " is outside 1.."
                    + Limits.MAX_PAGE_SIZE);
        }
    }

    /** Epoch millis of expiry: the TTL rounded up to whole milliseconds, on the kernel's millisecond clock. */
    static long expiryOf(String label, String key, Duration ttl, long nowMillis) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidTtlException("store " + label + ": TTL for key '" + KeyCodec.abbreviate(key)
                    + "' must be positive, was " + ttl);
        }
        try {
            long millis = Math.addExact(ttl.toMillis(), ttl.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
            return Math.addExact(nowMillis, millis);
        } catch (ArithmeticException e) {
            throw new InvalidTtlException("store " + label + ": TTL " + ttl + " for key '"
                    + KeyCodec.abbreviate(key) + "' is too long");
        }
    }
}
