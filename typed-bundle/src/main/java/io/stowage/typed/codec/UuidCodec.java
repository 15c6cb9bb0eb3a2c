package io.stowage.typed.codec;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * UUIDs as 16 big-endian bytes, and as keys in their canonical lowercase text ({@code 8-4-4-4-12} hex digits), the
 * form people read and type at the shell and other tools write.
 *
 * <p>It does not preserve order: the canonical text sorts as the unsigned 128-bit number, while
 * {@link UUID#compareTo} compares the two halves as signed longs, so the two disagree whenever a half's top bit is
 * set (half of all random UUIDs). Time-ordered UUIDs (version 7) still scan by time in their key text.
 */
public final class UuidCodec extends BuiltInCodec<UUID> {

    private static final String KEY_FORM = "a UUID key (canonical lowercase 8-4-4-4-12 hex digits)";

    public UuidCodec() {
        super("uuid", UUID.class, false);
    }

    @Override
    public byte[] encode(UUID value) {
        return ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits()).array();
    }

    @Override
    public UUID decode(byte[] bytes) {
        Payloads.requireLength(bytes, 16, id());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    @Override
    public String toKey(UUID value) {
        return value.toString();
    }

    /** Strict, unlike {@link UUID#fromString}: only the text {@link #toKey} writes, so each UUID has one key. */
    @Override
    public UUID fromKey(String key) {
        HexText.requireLength(key, 36, KEY_FORM);
        for (int dash : new int[] {8, 13, 18, 23}) {
            if (key.charAt(dash) != '-') {
                throw new IllegalArgumentException("key '" + key + "' is not " + KEY_FORM + ": no '-' at index " + dash);
            }
        }
        long high = HexText.parse(key, 0, 8, KEY_FORM) << 32 | HexText.parse(key, 9, 4, KEY_FORM) << 16
                | HexText.parse(key, 14, 4, KEY_FORM);
        long low = HexText.parse(key, 19, 4, KEY_FORM) << 48 | HexText.parse(key, 24, 12, KEY_FORM);
        return new UUID(high, low);
    }
}
