package io.stowage.typed.codec;

import java.nio.ByteBuffer;

/**
 * Longs as 8 big-endian bytes, and as keys of 16 hex digits of the value with its sign bit flipped, so that
 * Long.MIN_VALUE is {@code 0000000000000000}, -1 is {@code 7fffffffffffffff}, 0 is {@code 8000000000000000}: the
 * key text sorts as the signed values do.
 */
public final class LongCodec extends BuiltInCodec<Long> {

    private static final String KEY_FORM = "a long key (16 lowercase hex digits, sign bit flipped)";

    public LongCodec() {
        super("long", Long.class, true);
    }

    @Override
    public byte[] encode(Long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    @Override
    public Long decode(byte[] bytes) {
        Payloads.requireLength(bytes, Long.BYTES, id());
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public String toKey(Long value) {
        return HexText.signedKey(value, 16);
    }

    @Override
    public Long fromKey(String key) {
        return HexText.parseSigned(key, 16, KEY_FORM);
    }
}
