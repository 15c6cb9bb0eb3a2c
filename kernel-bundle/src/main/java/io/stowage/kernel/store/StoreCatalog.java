package io.stowage.kernel.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.StorageBackend;

/**
 * Finds which namespaces and stores hold data in an ordered backend without reading their keys: it reads one key,
 * then jumps past that key's whole store.
 */
public final class StoreCatalog {

    /** A store that holds at least one key. */
    public record StoreId(String namespace, String store) {
        public String label() {
            return namespace + "/" + store;
        }
    }

    private StoreCatalog() {
    }

    /** Stores present in the backend, in key order; {@code namespace} null for all namespaces. */
    public static List<StoreId> stores(StorageBackend backend, String namespace) {
        byte[] from = namespace == null ? KeyCodec.FIRST_NAMESPACE_KEY : KeyCodec.namespacePrefix(namespace);
        byte[] to = namespace == null ? null : KeyCodec.prefixEnd(from);
        List<StoreId> stores = new ArrayList<>();
        while (true) {
            List<BackendEntry> first = backend.scan(from, to, 1);
            if (first.isEmpty()) {
                return stores;
            }
            byte[] key = first.get(0).key();
            int nsEnd = indexOfZero(key, 0);
            int storeEnd = nsEnd < 0 ? -1 : indexOfZero(key, nsEnd + 1);
            if (storeEnd < 0) {
                // Not a store key (no two separators): skip just this key
                from = KeyCodec.successor(key);
                continue;
            }
            stores.add(new StoreId(new String(key, 0, nsEnd, StandardCharsets.UTF_8),
                    new String(key, nsEnd + 1, storeEnd - nsEnd - 1, StandardCharsets.UTF_8)));
            byte[] storePrefix = java.util.Arrays.copyOf(key, storeEnd + 1);
            from = KeyCodec.prefixEnd(storePrefix);
        }
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
