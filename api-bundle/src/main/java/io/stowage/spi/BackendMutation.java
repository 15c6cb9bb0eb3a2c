package io.stowage.spi;

/**
 * One raw put or delete of an atomic batch.
 *
 * @param key             the raw key
 * @param value           the raw value, or {@code null} for a delete
 * @param expiresAtMillis for a put: epoch milliseconds at which a {@link Capability#NATIVE_TTL} backend may drop the
 *                        entry, or 0 for never; other backends ignore it
 */
public record BackendMutation(byte[] key, byte[] value, long expiresAtMillis) {

    public static BackendMutation put(byte[] key, byte[] value, long expiresAtMillis) {
        return new BackendMutation(key, value, expiresAtMillis);
    }

    public static BackendMutation delete(byte[] key) {
        return new BackendMutation(key, null, 0);
    }

    public boolean isDelete() {
        return value == null;
    }
}
