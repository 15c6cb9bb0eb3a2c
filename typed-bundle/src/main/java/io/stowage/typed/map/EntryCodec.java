package io.stowage.typed.map;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.stowage.api.InvalidKeyException;
import io.stowage.api.Limits;
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

    /**
     * The key's text, checked against the store's key limits here so that the error shows the typed key as well.
     *
     * @throws InvalidKeyException if the text is empty or longer than {@value Limits#MAX_KEY_BYTES} UTF-8 bytes
     */
    String keyText(K key) {
        String text = keys.toKey(Objects.requireNonNull(key, "key"));
        // Up to 85 characters are at most 255 UTF-8 bytes: only longer texts need counting
        int bytes = text.length() <= Limits.MAX_KEY_BYTES / 3 ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        if (text.isEmpty() || bytes > Limits.MAX_KEY_BYTES) {
            throw new InvalidKeyException(where(text) + ": key " + key + " has key text of " + bytes
                    + " UTF-8 bytes under codec '" + keys.id() + "'; a store key is 1 to " + Limits.MAX_KEY_BYTES);
        }
        return text;
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
