package io.stowage.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Store#ttl(String)} knows of a key: absent, present without expiry, or present and expiring after
 * a remaining time.
 */
public final class KeyTtl {

    private static final KeyTtl ABSENT = new KeyTtl(false, null);
    private static final KeyTtl PERSISTENT = new KeyTtl(true, null);

    private final boolean present;
    private final Duration remaining;

    private KeyTtl(boolean present, Duration remaining) {
        this.present = present;
        this.remaining = remaining;
    }

    /** The key is absent or expired. */
    public static KeyTtl absent() {
        return ABSENT;
    }

    /** The key is present and has no expiry. */
    public static KeyTtl persistent() {
        return PERSISTENT;
    }

    /** The key is present and expires after {@code remaining}, which is positive. */
    public static KeyTtl expiringIn(Duration remaining) {
        if (remaining.isNegative() || remaining.isZero()) {
            throw new IllegalArgumentException("remaining TTL must be positive: " + remaining);
        }
        return new KeyTtl(true, remaining);
    }

    public boolean isPresent() {
        return present;
    }

    public boolean expires() {
        return remaining != null;
    }

    /**
     * The remaining time to live.
     *
     * @throws IllegalStateException if the key is absent or has no expiry
     */
    public Duration remaining() {
        if (remaining == null) {
            throw new IllegalStateException(present ? "the key has no expiry" : "the key is absent");
        }
        return remaining;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyTtl that && present == that.present && Objects.equals(remaining, that.remaining);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, remaining);
    }

    @Override
    public String toString() {
        return !present ? "absent" : remaining == null ? "no expiry" : "expires in " + remaining;
    }
}
