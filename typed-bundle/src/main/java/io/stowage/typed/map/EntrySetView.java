package io.stowage.typed.map;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** A map's entries as a live set: reads and removals go to the map, iteration pages through the store. */
final class EntrySetView<K, V> extends AbstractSet<Map.Entry<K, V>> {

    private final Map<K, V> map;
    private final Supplier<Iterator<Map.Entry<K, V>>> iterators;

    EntrySetView(Map<K, V> map, Supplier<Iterator<Map.Entry<K, V>>> iterators) {
        this.map = map;
        this.iterators = iterators;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return iterators.get();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Map.Entry<?, ?> entry) || entry.getKey() == null || entry.getValue() == null) {
            return false;
        }
        Object value = map.get(entry.getKey());
        return value != null && Objects.deepEquals(value, entry.getValue());
    }

    @Override
    public boolean remove(Object o) {
        return o instanceof Map.Entry<?, ?> entry && entry.getKey() != null && entry.getValue() != null
                && map.remove(entry.getKey(), entry.getValue());
    }
}
