package io.stowage.typed.map;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.stowage.api.Store;
import io.stowage.typed.Codec;
import io.stowage.typed.SortedPersistentMap;

/**
 * A {@link NavigableStoreMap} in reverse order: each question is its mirror asked of the ascending map, and the
 * entries iterate by {@link DescendingPages}. Writes and point reads go straight to the ascending map.
 */
final class DescendingStoreMap<K, V> extends AbstractMap<K, V> implements SortedPersistentMap<K, V> {

    private final NavigableStoreMap<K, V> ascending;
    private final Set<Map.Entry<K, V>> entrySet;

    DescendingStoreMap(NavigableStoreMap<K, V> ascending) {
        this.ascending = ascending;
        this.entrySet = new EntrySetView<>(this,
                () -> new EntryIterator<>(ascending.descendingEntries(), ascending.codec, this));
    }

    @Override
    public Store store() {
        return ascending.store();
    }

    @Override
    public Codec<K> keyCodec() {
        return ascending.keyCodec();
    }

    @Override
    public Codec<V> valueCodec() {
        return ascending.valueCodec();
    }

    @Override
    public Comparator<? super K> comparator() {
        return Collections.reverseOrder(ascending.comparator());
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return entrySet;
    }

    @Override
    public int size() {
        return ascending.size();
    }

    @Override
    public boolean isEmpty() {
        return ascending.isEmpty();
    }

    @Override
    public void clear() {
        ascending.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return ascending.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return ascending.containsValue(value);
    }

    @Override
    public V get(Object key) {
        return ascending.get(key);
    }

    @Override
    public void set(K key, V value) {
        ascending.set(key, value);
    }

    @Override
    public V put(K key, V value) {
        return ascending.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return ascending.remove(key);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ascending.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return ascending.remove(key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return ascending.replace(key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        return ascending.replace(key, value);
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        return ascending.compute(key, remapping);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        return ascending.computeIfAbsent(key, mapping);
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        return ascending.computeIfPresent(key, remapping);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        return ascending.merge(key, value, remapping);
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return ascending.lastEntry();
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return ascending.firstEntry();
    }

    @Override
    public K firstKey() {
        return ascending.lastKey();
    }

    @Override
    public K lastKey() {
        return ascending.firstKey();
    }

    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        return ascending.pollLastEntry();
    }

    @Override
    public Map.Entry<K, V> pollLastEntry() {
        return ascending.pollFirstEntry();
    }

    @Override
    public Map.Entry<K, V> lowerEntry(K key) {
        return ascending.higherEntry(key);
    }

    @Override
    public K lowerKey(K key) {
        return ascending.higherKey(key);
    }

    @Override
    public Map.Entry<K, V> floorEntry(K key) {
        return ascending.ceilingEntry(key);
    }

    @Override
    public K floorKey(K key) {
        return ascending.ceilingKey(key);
    }

    @Override
    public Map.Entry<K, V> ceilingEntry(K key) {
        return ascending.floorEntry(key);
    }

    @Override
    public K ceilingKey(K key) {
        return ascending.floorKey(key);
    }

    @Override
    public Map.Entry<K, V> higherEntry(K key) {
        return ascending.lowerEntry(key);
    }

    @Override
    public K higherKey(K key) {
        return ascending.lowerKey(key);
    }

    @Override
    public SortedPersistentMap<K, V> descendingMap() {
        return ascending;
    }

    /** AbstractMap's key set would win over the interface's default, and is not navigable. */
    @Override
    public NavigableSet<K> keySet() {
        return navigableKeySet();
    }

    @Override
    public NavigableSet<K> navigableKeySet() {
        return new KeySetView<>(this);
    }

    @Override
    public NavigableSet<K> descendingKeySet() {
        return ascending.navigableKeySet();
    }

    @Override
    public SortedPersistentMap<K, V> subMap(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
        return ascending.subMap(toKey, toInclusive, fromKey, fromInclusive).descendingMap();
    }

    @Override
    public SortedPersistentMap<K, V> headMap(K toKey, boolean inclusive) {
        return ascending.tailMap(toKey, inclusive).descendingMap();
    }

    @Override
    public SortedPersistentMap<K, V> tailMap(K fromKey, boolean inclusive) {
        return ascending.headMap(fromKey, inclusive).descendingMap();
    }

}
