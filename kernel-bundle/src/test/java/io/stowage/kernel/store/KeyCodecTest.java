package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidKeyException;

class KeyCodecTest {

    /** Identifiers of every length, and their neighbours: no store's keys fall in another store's range. */
    @Test
    void everyKeyOfAStoreLiesInsideTheStoreRangeAndNoOtherStoresKeyDoes() {
        long[] ids = {1, 2, 255, 256, 65_535, 65_536, 1L << 40, Long.MAX_VALUE};
        for (long id : ids) {
            byte[] prefix = StoreDirectory.prefix(id);
            byte[] end = KeyCodec.prefixEnd(prefix);
            for (String key : new String[] {"a", "\u0000", "\uFFFF", "😀", "zzz"}) {
                byte[] raw = KeyCodec.encode(prefix, key, "app/users");
                assertTrue(Arrays.compareUnsigned(raw, prefix) >= 0 && Arrays.compareUnsigned(raw, end) < 0, key);
            }
            for (long other : ids) {
                byte[] raw = KeyCodec.encode(StoreDirectory.prefix(other), "k", "x");
                boolean inside = Arrays.compareUnsigned(raw, prefix) >= 0 && Arrays.compareUnsigned(raw, end) < 0;
                assertEquals(other == id, inside, id + " against " + other);
            }
        }
    }

    @Test
    void asciiAndNonAsciiEncodingsAgreeWithTheJdk() {
        for (String key : new String[] {"plain", "é", "中文", "😀x", "mixed é 😀"}) {
            byte[] raw = KeyCodec.encode(new byte[] {9}, key, "s");
            assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(raw, 1, raw.length));
            assertEquals(key, KeyCodec.decode(raw, 1));
        }
    }

    @Test
    void loneSurrogatesHaveNoEncoding() {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> KeyCodec.encode(new byte[0], "ab\uD800", "s"));
        assertTrue(e.getMessage().contains("lone surrogate at index 2"), e.getMessage());
    }

    @Test
    void successorAndPrefixEndBoundRanges() {
        assertArrayEquals(new byte[] {1, 2, 0}, KeyCodec.successor(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {1, 3}, KeyCodec.prefixEnd(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, KeyCodec.prefixEnd(new byte[] {1, (byte) 0xFF}));
        assertNull(KeyCodec.prefixEnd(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    }
}
