package io.stowage.typed.codec;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Instants to the nanosecond: 8 big-endian bytes of epoch seconds and 4 of the nanosecond in that second, and as
 * keys of 16 hex digits of the seconds with the sign bit flipped followed by 8 hex digits of the nanoseconds, so the
 * key text sorts as time does, from {@link Instant#MIN} through the epoch's negative seconds to {@link Instant#MAX}.
 */
public final class InstantCodec extends BuiltInCodec<Instant> {

    private static final String KEY_FORM = "an instant key (24 lowercase hex digits)";

    public InstantCodec() {
        super("instant", Instant.class, true);
    }

    @Override
    public byte[] encode(Instant value) {
        return ByteBuffer.allocate(12).putLong(value.getEpochSecond()).putInt(value.getNano()).array();
    }

    @Override
    public Instant decode(byte[] bytes) {
        Payloads.requireLength(bytes, 12, id());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return instant(buffer.getLong(), buffer.getInt());
    }

    @Override
    public String toKey(Instant value) {
        StringBuilder key = new StringBuilder(24);
        HexText.append(key, value.getEpochSecond() ^ Long.MIN_VALUE, 16);
        HexText.append(key, value.getNano(), 8);
        return key.toString();
    }

    @Override
    public Instant fromKey(String key) {
        HexText.requireLength(key, 24, KEY_FORM);
        long seconds = HexText.parse(key, 0, 16, KEY_FORM) ^ Long.MIN_VALUE;
        long nanos = HexText.parse(key, 16, 8, KEY_FORM);
        try {
            return instant(seconds, nanos);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' is not " + KEY_FORM + ": " + e.getMessage(), e);
        }
    }

    /** Refuses nanoseconds out of a second: {@link Instant#ofEpochSecond(long, long)} would carry them silently. */
    private static Instant instant(long seconds, long nanos) {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("an instant's nanoseconds are 0 to 999999999, not " + nanos);
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not an instant: " + e.getMessage(), e);
        }
    }
}
