package io.stowage.typed;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns values of one type into bytes (for stored values) and into key text (for store keys), and back.
 *
 * <p>A codec is immutable and thread-safe, and its encodings are deterministic: equal values give equal bytes. The
 * typed layer, not the codec, writes the header before {@link #encode}'s bytes that names {@link #id()} and
 * {@link #version()}; {@link #decode} sees only its own payload.
 *
 * <p>Key text is what the Store orders: by the unsigned bytes of its UTF-8 form. A codec whose
 * {@link #preservesOrder()} is {@code true} promises that this order of {@link #toKey} texts is the natural order of
 * its values, so that an ordered map of them scans in that order. Keys must be non-empty and at most
 * {@value io.stowage.api.Limits#MAX_KEY_BYTES} UTF-8 bytes: the store refuses others with
 * {@link io.stowage.api.InvalidKeyException}.
 *
 * <p>Third parties implement this interface; Stowage adds only default methods to it within a major version.
 *
 * @param <T> the type of the values
 */
@ConsumerType
public interface Codec<T> {

    /**
     * A stable name of the encoding, written with every value (at most 255 UTF-8 bytes), such as {@code "long"} or
     * {@code "json:com.example.User"}. Two codecs share an id only if each reads what the other writes.
     */
    String id();

    /** The version of the encoding, written with every value; change it when the payload's form changes. */
    int version();

    /**
     * Whether this codec reads values written by {@code writtenVersion} of it; by default only its own version. A
     * codec that accepts older versions must tell them apart in {@link #decode} by their payload alone.
     */
    default boolean accepts(int writtenVersion) {
        return writtenVersion == version();
    }

    /** The type of the values. */
    Class<T> type();

    /** Whether the UTF-8 byte order of {@link #toKey} texts is the natural order of the values. */
    boolean preservesOrder();

    /** The value's payload bytes; the value is not null. */
    byte[] encode(T value);

    /**
     * The value of payload bytes that {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not such a payload
     */
    T decode(byte[] bytes);

    /** The value's key text; the value is not null. */
    String toKey(T value);

    /**
     * The value of a key text that {@link #toKey} wrote.
     *
     * @throws IllegalArgumentException if the text is not such a key
     */
    T fromKey(String key);
}
