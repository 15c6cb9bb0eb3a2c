package io.stowage.jcache;

import java.io.ObjectInputFilter;

import javax.cache.CacheException;

/**
 * How one cache manager's caches turn keys and values into store keys and stored bytes: the typed-data codecs, with
 * Java serialization through the manager's class loader and allow-list for other types. Values go in and come out as
 * copies (store-by-value): what the application holds is never what the cache holds.
 */
final class EntryCoding {

    private final KeyMapping keys;
    private final ValueCodecs values;

    EntryCoding(ClassLoader loader, ObjectInputFilter filter) {
        SerializationCodec serialization = new SerializationCodec(loader, filter);
        this.keys = new KeyMapping(serialization);
        this.values = new ValueCodecs(serialization);
    }

    KeyMapping keys() {
        return keys;
    }

    /** The envelope of a value, expiring at {@code expiresAtMillis} (0 for never). */
    EntryEnvelope wrap(Object value, long expiresAtMillis, KeyMapping.MappedKey key) {
        return EntryEnvelope.of(values.forValue(value), value, expiresAtMillis, key.kept());
    }

    EntryEnvelope envelope(byte[] stored, String cache, String storeKey) {
        try {
            return EntryEnvelope.parse(stored, where(cache, storeKey));
        } catch (IllegalArgumentException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    Object value(EntryEnvelope envelope, String cache, String storeKey) {
        try {
            return envelope.value(values, where(cache, storeKey));
        } catch (IllegalArgumentException e) {
            throw new CacheException(where(cache, storeKey) + ": " + e.getMessage(), e);
        }
    }

    /** The cache key a store key stands for. */
    Object key(String storeKey, EntryEnvelope envelope, String cache) {
        try {
            return keys.unmap(storeKey, envelope.keptKey());
        } catch (IllegalArgumentException e) {
            throw new CacheException(where(cache, storeKey) + ": " + e.getMessage(), e);
        }
    }

    private static String where(String cache, String storeKey) {
        return "cache " + cache + ", store key '" + storeKey + "'";
    }
}
