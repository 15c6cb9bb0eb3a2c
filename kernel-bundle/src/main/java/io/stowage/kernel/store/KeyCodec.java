package io.stowage.kernel.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.stowage.api.InvalidKeyException;
import io.stowage.api.Limits;

/**
 * Maps a store's keys to backend keys and back.
 *
 * <p>A backend key is {@code prefix key}: the store's prefix in that backend (see {@link StoreDirectory}), then the
 * key's UTF-8 bytes. Prefixes are self-delimiting and never start with {@code 0x00}, so two stores never share a
 * backend key, and every store is one contiguous range of backend keys in unsigned byte order. Keys starting with
 * {@code 0x00} are the kernel's own metadata.
 */
public final class KeyCodec {

    /** First byte of every kernel metadata key; no store prefix starts with it. */
    public static final byte META = 0x00;

    /** The first backend key that can belong to a store. */
    public static final byte[] FIRST_STORE_KEY = {0x01};

    private KeyCodec() {
    }

    /** The prefix followed by the key's UTF-8 bytes; the key is validated on the way. */
    public static byte[] encode(byte[] prefix, String key, String storeLabel) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException("store " + storeLabel + ": key must not be " + (key == null ? "null" : "empty"));
        }
        // An ASCII key is written straight behind the prefix, one array per key; any other (or too long) is strict
        int length = key.length();
        if (length > Limits.MAX_KEY_BYTES) {
            return encodeNonAscii(prefix, key, storeLabel);
        }
        byte[] raw = Arrays.copyOf(prefix, prefix.length + length);
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return encodeNonAscii(prefix, key, storeLabel);
            }
            raw[prefix.length + i] = (byte) c;
        }
        return raw;
    }

    private static InvalidKeyException tooLong(String key, int bytes, String storeLabel) {
        return new InvalidKeyException("store " + storeLabel + ": key '" + abbreviate(key) + "' is " + bytes
                + " UTF-8 bytes long, over the limit of " + Limits.MAX_KEY_BYTES);
    }

    private static byte[] encodeNonAscii(byte[] prefix, String key, String storeLabel) {
        byte[] utf8 = utf8(key, storeLabel);
        if (utf8.length > Limits.MAX_KEY_BYTES) {
            throw tooLong(key, utf8.length, storeLabel);
        }
        return concat(prefix, utf8);
    }

    /** Strict UTF-8: String.getBytes would silently turn a lone surrogate into '?'. */
    static byte[] utf8(String key, String storeLabel) {
        byte[] out = new byte[key.length() * 3];
        int n = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == key.length()
                        || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    throw new InvalidKeyException("store " + storeLabel + ": key '" + abbreviate(key)
                            + "' holds a lone surrogate at index " + i + " and has no UTF-8 form");
                }
                int cp = Character.toCodePoint(c, key.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return Arrays.copyOf(out, n);
    }

    static String decode(byte[] raw, int prefixLength) {
        return new String(raw, prefixLength, raw.length - prefixLength, StandardCharsets.UTF_8);
    }

    /** The smallest byte string greater than {@code key}: every key after it sorts at or above this. */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** The smallest byte string greater than every string starting with {@code prefix}, or null if none is. */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
