package io.stowage.typed.map;

import java.util.AbstractMap;
import java.util.Map;

/** A mapping as an iterator saw it; {@link #setValue} writes through to the map. */
final class StoreEntry<K, V> extends AbstractMap.SimpleEntry<K, V> {
    private static final long serialVersionUID = 1L;

    private final transient Map<K, V> map;

    StoreEntry(Map<K, V> map, K key, V value) {
        super(key, value);
        this.map = map;
    }

    /** Stores the value under this entry's key and returns the value this entry held. */
    @Override
    public V setValue(V value) {
        map.put(getKey(), value);
        return super.setValue(value);
    }
}
