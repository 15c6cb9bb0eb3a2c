package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.List;

import io.stowage.spi.StorageBackend;

/**
 * Finds which namespaces and stores hold data in an ordered backend without reading their keys: it reads the
 * backend's {@link StoreDirectory}, then one key of each store it lists.
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
        List<StoreId> stores = new ArrayList<>();
        for (StoreDirectory.Listed listed : StoreDirectory.list(backend, namespace)) {
            byte[] prefix = listed.prefix();
            if (!backend.scan(prefix, KeyCodec.prefixEnd(prefix), 1).isEmpty()) {
                stores.add(new StoreId(listed.namespace(), listed.store()));
            }
        }
        return stores;
    }
}
