package io.stowage.typed.map;

import java.util.Objects;

import io.stowage.api.Store;
import io.stowage.typed.Codec;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.codec.ValueHeader;

/**
 * A map's two codecs bound to its store: keys to key text and back, values to headed bytes and back, with errors
 * that name the store and the key.
 */
final class EntryCodec<K, V> {

    final Store store;
    final Codec<K> keys;
    final Codec<V> values;
    private final byte[] valueId;

    EntryCodec(Store store, Codec<K> keys, Codec<V> values) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "key codec");
        this.values = Objects.requireNonNull(values, "value codec");
        this.valueId = ValueHeader.idBytes(values);
    }

    /** Whether {@code key} can be a key of the map: not null (else NullPointerException) and of the key type. */
    boolean isKey(Object key) {
        return keys.type().isInstance(Objects.requireNonNull(key, "key"));
    }

    /** Whether {@code value} can be a value of the map: not null (else NullPointerException) and of the value type. */
    boolean isValue(Object value) {
        return values.type().isInstance(Objects.requireNonNull(value, "value"));
    }

    String keyText(K key) {
        return keys.toKey(Objects.requireNonNull(key, "key"));
    }

    /** The key text of a key that {@link #isKey} accepted. */
    String keyTextOf(Object key) {
        return keyText(keys.type().cast(key));
    }

    K key(String text) {
        try {
            return keys.fromKey(text);
        } catch (RuntimeException e) {
            throw new CodecMismatchException(where(text) + ": key codec '" + keys.id() + "' version " + keys.version()
                    + " cannot read the key: " + e.getMessage(), e);
        }
    }

    byte[] valueBytes(V value) {
        return ValueHeader.wrap(values, valueId, Objects.requireNonNull(value, "value"));
    }

    V value(String text, byte[] stored) {
        return ValueHeader.unwrap(values, valueId, stored, where(text));
    }

    /** The value of stored bytes, or {@code null} for none. */
    V valueOrNull(String text, byte[] stored) {
        return stored == null ? null : value(text, stored);
    }

    private String where(String text) {
        return "store " + store.namespace() + "/" + store.name() + ", key '" + text + "'";
    }
}
