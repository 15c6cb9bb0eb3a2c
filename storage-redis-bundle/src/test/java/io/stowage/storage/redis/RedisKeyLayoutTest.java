package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The key layout is part of the data format: every process and every version sharing a Redis must compute the same
 * keys, so the expected keys here are written out.
 */
class RedisKeyLayoutTest {

    private final RedisKeyLayout layout = new RedisKeyLayout("stowage:");

    private static byte[] key(String text) {
        return text.getBytes(UTF_8);
    }

    /** The tags were computed apart from this code: FNV-1a 64 of "app\0users\0", and of nothing. */
    @Test
    void keysOfAStoreShareATagThatNeverChanges() {
        assertEquals("stowage:{8b3e92a3d7867054}dapp\0users\0user:1",
                new String(layout.dataKey(key("app\0users\0user:1")), UTF_8));
        assertEquals("stowage:{8b3e92a3d7867054}i", new String(layout.indexKey(key("app\0users\0")), UTF_8));
        assertEquals("stowage:{stowage}c", new String(layout.catalogKey(), UTF_8));
    }

    @Test
    void keysOutsideStoresFormTheGroupWithTheEmptyName() {
        assertArrayEquals(new byte[0], RedisKeyLayout.group(key("\0stowage.format")));
        assertArrayEquals(key("app\0users\0"), RedisKeyLayout.group(key("app\0users\0a\0b")));
        assertEquals("stowage:{cbf29ce484222325}d\0stowage.format",
                new String(layout.dataKey(key("\0stowage.format")), UTF_8));
    }

    /** Layout 2: the store prefix is a length byte and that many id bytes, whatever bytes follow. */
    @Test
    void aStorePrefixIsItsLengthByteAndItsId() {
        assertArrayEquals(new byte[] {1, 7}, RedisKeyLayout.group(new byte[] {1, 7, 'a', 0, 'b'}));
        assertArrayEquals(new byte[] {2, 1, 0}, RedisKeyLayout.group(new byte[] {2, 1, 0, 'k'}));
        assertTrue(RedisKeyLayout.inGroup(new byte[] {1, 7, 'k'}, new byte[] {1, 7}));
        assertFalse(RedisKeyLayout.inGroup(new byte[] {2, 1, 7, 'k'}, new byte[] {2, 1}));
        assertFalse(RedisKeyLayout.inGroup(new byte[] {1, 7, 'k'}, new byte[0]));
    }

    @Test
    void batchDataKeysAreTheSingleOnes() {
        List<byte[]> keys = List.of(key("app\0users\0a"), key("app\0users\0b"), key("app\0orders\0a"), key("\0meta"),
                key("\0other"), key("app\0users\0c"), new byte[] {1, 7, 'a'}, new byte[] {1, 7, 'b'},
                new byte[] {2, 1, 7, 'a'});
        byte[][] batch = layout.dataKeys(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertArrayEquals(layout.dataKey(keys.get(i)), batch[i]);
        }
    }
}
