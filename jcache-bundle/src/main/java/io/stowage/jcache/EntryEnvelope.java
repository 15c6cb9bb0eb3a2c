package io.stowage.jcache;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.stowage.typed.Codec;

/**
 * What a cache stores under a key: the entry's expiry time, the serialized cache key when the store key is only its
 * hash, and the value through its typed-data codec, named by id and version so a reader knows which codec to ask:
 *
 * <pre>
 * format (1 byte, 0x01)   expires at (8 bytes, epoch ms, 0 = never)   kept key length (4)   kept key
 * codec id length (1)   codec id (UTF-8)   codec version (4)   payload
 * </pre>
 *
 * <p>The store's TTL expires the entry at the same time; the envelope keeps the time too because an update that
 * leaves the expiry unchanged (JCache's {@code null} duration) must write it again, inside a transaction that cannot
 * read TTLs.
 *
 * @param expiresAtMillis when the entry expires, or 0 for never
 * @param keptKey         the serialized cache key, or null when the store key holds the key itself
 * @param codecId         the id of the codec that wrote {@code payload}
 * @param codecVersion    that codec's version
 * @param payload         the value's bytes as the codec wrote them
 */
record EntryEnvelope(long expiresAtMillis, byte[] keptKey, String codecId, int codecVersion, byte[] payload) {

    private static final byte FORMAT = 1;

    static EntryEnvelope of(Codec<Object> codec, Object value, long expiresAtMillis, byte[] keptKey) {
        return new EntryEnvelope(expiresAtMillis, keptKey, codec.id(), codec.version(), codec.encode(value));
    }

    /** The same value with another expiry. */
    EntryEnvelope expiringAt(long millis) {
        return new EntryEnvelope(millis, keptKey, codecId, codecVersion, payload);
    }

    byte[] toBytes() {
        byte[] id = codecId.getBytes(StandardCharsets.UTF_8);
        int kept = keptKey == null ? 0 : keptKey.length;
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 4 + kept + 1 + id.length + 4 + payload.length);
        buffer.put(FORMAT).putLong(expiresAtMillis).putInt(kept);
        if (keptKey != null) {
            buffer.put(keptKey);
        }
        return buffer.put((byte) id.length).put(id).putInt(codecVersion).put(payload).array();
    }

    /**
     * The envelope the bytes hold.
     *
     * @throws IllegalArgumentException if the bytes were not written by a cache
     */
    static EntryEnvelope parse(byte[] bytes, String where) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (buffer.get() != FORMAT) {
                throw new IllegalArgumentException(where + ": not a cache entry (format byte " + bytes[0] + ")");
            }
            long expiresAt = buffer.getLong();
            int keptLength = buffer.getInt();
            byte[] kept = keptLength == 0 ? null : new byte[keptLength];
            if (kept != null) {
                buffer.get(kept);
            }
            byte[] id = new byte[buffer.get() & 0xFF];
            buffer.get(id);
            int version = buffer.getInt();
            byte[] payload = Arrays.copyOfRange(bytes, buffer.position(), bytes.length);
            return new EntryEnvelope(expiresAt, kept, new String(id, StandardCharsets.UTF_8), version, payload);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException(where + ": not a cache entry (" + bytes.length + " bytes, truncated)", e);
        }
    }

    /** The value, decoded by the codec its id names. */
    Object value(ValueCodecs codecs, String where) {
        Codec<Object> codec = codecs.byId(codecId);
        if (codec == null || !codec.accepts(codecVersion)) {
            throw new IllegalArgumentException(where + ": written by codec '" + codecId + "' version " + codecVersion
                    + ", which this cache does not have");
        }
        return codec.decode(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntryEnvelope that && expiresAtMillis == that.expiresAtMillis
                && Arrays.equals(keptKey, that.keptKey) && codecId.equals(that.codecId)
                && codecVersion == that.codecVersion && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + codecId.hashCode();
    }

    @Override
    public String toString() {
        return "EntryEnvelope[" + codecId + " v" + codecVersion + ", " + payload.length + " bytes, expires at "
                + expiresAtMillis + "]";
    }
}
