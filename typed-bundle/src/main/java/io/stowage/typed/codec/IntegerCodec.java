package io.stowage.typed.codec;

import java.nio.ByteBuffer;

/**
 * Integers as 4 big-endian bytes, and as keys of 8 hex digits of the value with its sign bit flipped, so that the
 * key text sorts as the signed values do (Integer.MIN_VALUE is {@code 00000000}, 0 is {@code 80000000}).
 */
public final class IntegerCodec extends BuiltInCodec<Integer> {

    private static final String KEY_FORM = "an integer key (8 lowercase hex digits, sign bit flipped)";

    public IntegerCodec() {
        super("int", Integer.class, true);
    }

    @Override
    public byte[] encode(Integer value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    @Override
    public Integer decode(byte[] bytes) {
        Payloads.requireLength(bytes, Integer.BYTES, id());
        return ByteBuffer.wrap(bytes).getInt();
    }

    @Override
    public String toKey(Integer value) {
        return HexText.signedKey(value, 8);
    }

    @Override
    public Integer fromKey(String key) {
        return (int) HexText.parseSigned(key, 8, KEY_FORM);
    }
}
