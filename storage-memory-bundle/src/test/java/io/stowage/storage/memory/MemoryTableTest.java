package io.stowage.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.StorageFullException;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;

class MemoryTableTest {

    private static byte[] k(int... bytes) {
        byte[] key = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            key[i] = (byte) bytes[i];
        }
        return key;
    }

    @Test
    void scansInUnsignedByteOrderWithinBounds() {
        MemoryTable table = new MemoryTable("t", 100);
        table.put(k(0x80), k(1));
        table.put(k(0x01), k(2));
        table.put(k(0x01, 0x00), k(3));
        table.put(k(0xFF), k(4));
        List<BackendEntry> all = table.scan(k(0x00), null, 10);
        assertArrayEquals(k(0x01), all.get(0).key());
        assertArrayEquals(k(0x01, 0x00), all.get(1).key());
        assertArrayEquals(k(0x80), all.get(2).key());
        assertArrayEquals(k(0xFF), all.get(3).key());
        assertEquals(2, table.scan(k(0x01), k(0x80), 10).size());
        assertEquals(1, table.scan(k(0x01), null, 1).size());
    }

    @Test
    void maxKeysRefusesNewKeysOnlyAndNamesTheLimit() {
        MemoryTable table = new MemoryTable("small", 2);
        table.put(k(1), k(1));
        table.put(k(2), k(2));
        StorageFullException e = assertThrows(StorageFullException.class, () -> table.put(k(3), k(3)));
        assertTrue(e.getMessage().contains("'small'") && e.getMessage().contains("2 keys"), e.getMessage());
        assertFalse(table.putIfAbsent(k(1), k(9)));
        assertThrows(StorageFullException.class, () -> table.putIfAbsent(k(3), k(3)));
        table.put(k(1), k(5));
        assertArrayEquals(k(5), table.get(k(1)));
        assertEquals(2, table.size());
    }

    @Test
    void failedBatchIsUndoneCompletely() {
        MemoryTable table = new MemoryTable("t", 3);
        table.put(k(1), k(1));
        table.put(k(2), k(2));
        assertThrows(StorageFullException.class, () -> table.write(List.of(
                BackendMutation.put(k(1), k(10), 0), BackendMutation.delete(k(2)),
                BackendMutation.put(k(3), k(3), 0), BackendMutation.put(k(4), k(4), 0),
                BackendMutation.put(k(5), k(5), 0))));
        assertArrayEquals(k(1), table.get(k(1)));
        assertArrayEquals(k(2), table.get(k(2)));
        assertNull(table.get(k(3)));
        assertNull(table.get(k(4)));
        assertEquals(2, table.size());
        assertEquals(2, table.scan(k(0), null, 10).size());
    }

    @Test
    void replaceComparesBytesAndNullValueDeletes() {
        MemoryTable table = new MemoryTable("t", 10);
        table.put(k(1), k(7));
        assertFalse(table.replace(k(1), k(8), k(9)));
        assertTrue(table.replace(k(1), k(7), k(9)));
        assertTrue(table.replace(k(1), k(9), null));
        assertNull(table.get(k(1)));
        assertEquals(0, table.size());
        assertEquals(0, table.scan(k(0), null, 10).size());
    }
}
