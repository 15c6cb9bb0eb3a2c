package io.stowage.typed;

import io.stowage.api.Store;
import io.stowage.typed.map.NavigableStoreMap;
import io.stowage.typed.map.StoreMap;

/**
 * Map views of stores. A map owns its whole store: every key in it must be a key text of the key codec, and every
 * value one the value codec wrote (else {@link CodecMismatchException} when it is read). The map keeps nothing in
 * memory, so it is cheap to make and any number of maps may share a store.
 */
public final class PersistentMaps {

    private PersistentMaps() {
    }

    /**
     * The store as a concurrent map.
     *
     * @throws IllegalArgumentException if the value codec's id is empty or longer than 255 UTF-8 bytes
     */
    public static <K, V> PersistentMap<K, V> of(Store store, Codec<K> keys, Codec<V> values) {
        return StoreMap.over(store, keys, values);
    }

    /**
     * The store as a concurrent navigable map, in the key codec's order.
     *
     * @throws IllegalArgumentException if the key codec does not preserve order (the message names it), or the value
     *                                  codec's id is empty or longer than 255 UTF-8 bytes
     */
    public static <K, V> SortedPersistentMap<K, V> sorted(Store store, Codec<K> keys, Codec<V> values) {
        return NavigableStoreMap.over(store, keys, values);
    }
}
