package io.stowage.typed.codec;

/**
 * Byte arrays as themselves (copied both ways), and as keys of two lowercase hex digits per byte. That key text
 * sorts as {@link java.util.Arrays#compareUnsigned(byte[], byte[])} orders arrays, a prefix first, which is the
 * order this codec preserves (arrays have no natural order of their own). A key holds at most 128 bytes, the
 * store's 256-byte key limit; the empty array is a value but not a key.
 */
public final class BytesCodec extends BuiltInCodec<byte[]> {

    private static final String KEY_FORM = "a byte array key (two lowercase hex digits per byte)";

    public BytesCodec() {
        super("bytes", byte[].class, true);
    }

    @Override
    public byte[] encode(byte[] value) {
        return value.clone();
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public String toKey(byte[] value) {
        StringBuilder key = new StringBuilder(value.length * 2);
        for (byte b : value) {
            HexText.append(key, b, 2);
        }
        return key.toString();
    }

    @Override
    public byte[] fromKey(String key) {
        if (key.length() % 2 != 0) {
            throw new IllegalArgumentException("key '" + key + "' is not " + KEY_FORM + ": odd length " + key.length());
        }
        byte[] value = new byte[key.length() / 2];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) HexText.parse(key, 2 * i, 2, KEY_FORM);
        }
        return value;
    }
}
