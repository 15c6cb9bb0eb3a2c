package io.stowage.spi;

/**
 * How the kernel lays out the keys it gives a backend, so that a backend that groups keys by store (for example in
 * one Redis Cluster hash slot) can tell a key's store without knowing anything else of the kernel.
 *
 * <p>Every key of a store starts with that store's <em>prefix</em>, which no other store shares and which is never
 * the start of another store's prefix: all of a store's keys form one contiguous range in unsigned byte order. A
 * prefix is short and self-delimiting: its first byte {@code n} (1 to 8) is followed by {@code n} bytes of the store's
 * identifier. Keys whose first byte is {@code 0x00} are the kernel's own metadata and belong to no store. Data
 * written by kernels before layout 2 may still carry the legacy prefix {@code namespace 0x00 store 0x00} (its first
 * byte is a letter, a digit, {@code _} or {@code -}) while the kernel upgrades it.
 *
 * @since 1.2
 */
public final class StoreKeys {

    /** The longest store identifier, in bytes. */
    public static final int MAX_ID_BYTES = 8;

    private StoreKeys() {
    }

    /**
     * The length of the store prefix the key starts with: the bytes every key of its store shares. {@code 0} for the
     * kernel's metadata and for a key too short to hold a whole prefix.
     */
    public static int prefixLength(byte[] key) {
        if (key.length == 0 || key[0] == 0) {
            return 0;
        }
        int first = key[0] & 0xFF;
        if (first <= MAX_ID_BYTES) {
            return key.length >= 1 + first ? 1 + first : 0;
        }
        return legacyPrefixLength(key);
    }

    /** Up to and including the second {@code 0x00} of {@code namespace 0x00 store 0x00 key}. */
    private static int legacyPrefixLength(byte[] key) {
        int zeros = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == 0 && ++zeros == 2) {
                return i + 1;
            }
        }
        return 0;
    }
}
