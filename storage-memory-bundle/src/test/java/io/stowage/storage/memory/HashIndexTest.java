package io.stowage.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HashIndexTest {

    private static Key key(int i) {
        return new Key(("key-" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(int i) {
        return new byte[] {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16)};
    }

    @Test
    void findsEveryKeyInWhicheverSegmentItFalls() {
        HashIndex index = new HashIndex();
        for (int i = 0; i < 50_000; i++) {
            int n = i;
            index.compute(key(i), (k, current) -> value(n));
        }
        for (int i = 0; i < 50_000; i++) {
            assertArrayEquals(value(i), index.get(key(i)), "key-" + i);
        }
        assertNull(index.get(key(50_000)));
    }

    @Test
    void computeIfPresentRemovesOnlyPresentKeysAndClearEmptiesEverySegment() {
        HashIndex index = new HashIndex();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            index.compute(key(i), (k, current) -> value(n));
        }
        for (int i = 0; i < 1_000; i += 2) {
            index.computeIfPresent(key(i), (k, current) -> null);
        }
        assertNull(index.computeIfPresent(key(2_000), (k, current) -> value(1)));
        assertNull(index.get(key(2_000)));
        for (int i = 0; i < 1_000; i++) {
            if (i % 2 == 0) {
                assertNull(index.get(key(i)));
            } else {
                assertArrayEquals(value(i), index.get(key(i)));
            }
        }
        index.clear();
        for (int i = 0; i < 1_000; i++) {
            assertNull(index.get(key(i)));
        }
    }
}
