package io.stowage.typed.map;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;

import io.stowage.api.Store;
import io.stowage.typed.Codec;
import io.stowage.typed.SortedPersistentMap;

/**
 * A {@link SortedPersistentMap} over a store's keys within a range, in the key codec's order (the store's). Forward
 * questions seek; backward ones search ({@link LastEntrySearch}), since the store has no backward scan.
 */
public final class NavigableStoreMap<K, V> extends StoreMap<K, V> implements SortedPersistentMap<K, V> {

    private final Comparator<K> order;

    NavigableStoreMap(EntryCodec<K, V> codec, KeyRange range) {
        super(codec, range);
        this.order = (a, b) -> KeyOrder.compare(codec.keyText(a), codec.keyText(b));
    }

    /** A map over every key of the store; the key codec must preserve order. */
    public static <K, V> SortedPersistentMap<K, V> over(Store store, Codec<K> keys, Codec<V> values) {
        if (!keys.preservesOrder()) {
            throw new IllegalArgumentException("key codec '" + keys.id() + "' does not preserve order: a sorted map "
                    + "needs one that does");
        }
        return new NavigableStoreMap<>(new EntryCodec<>(store, keys, values), KeyRange.ALL);
    }

    /** This range's entries from the last backward, for the descending view. */
    Iterator<io.stowage.api.Entry> descendingEntries() {
        return new DescendingPages(codec.store, range);
    }

    /** The key order, which is the store's order of the key texts; never {@code null}. */
    @Override
    public Comparator<? super K> comparator() {
        return order;
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return decoded(first(range));
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return decoded(last(range));
    }

    @Override
    public K firstKey() {
        return key(firstEntry());
    }

    @Override
    public K lastKey() {
        return key(lastEntry());
    }

    @Override
    public Map.Entry<K, V> lowerEntry(K key) {
        return decoded(last(range.cut(null, false, codec.keyText(key), false)));
    }

    @Override
    public Map.Entry<K, V> floorEntry(K key) {
        return decoded(last(range.cut(null, false, codec.keyText(key), true)));
    }

    @Override
    public Map.Entry<K, V> ceilingEntry(K key) {
        return decoded(first(range.cut(codec.keyText(key), true, null, false)));
    }

    @Override
    public Map.Entry<K, V> higherEntry(K key) {
        return decoded(first(range.cut(codec.keyText(key), false, null, false)));
    }

    @Override
    public K lowerKey(K key) {
        return keyOrNull(lowerEntry(key));
    }

    @Override
    public K floorKey(K key) {
        return keyOrNull(floorEntry(key));
    }

    @Override
    public K ceilingKey(K key) {
        return keyOrNull(ceilingEntry(key));
    }

    @Override
    public K higherKey(K key) {
        return keyOrNull(higherEntry(key));
    }

    /** Removes the first entry if no one changed it meanwhile, else tries the new first one. */
    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        for (io.stowage.api.Entry entry = first(range); entry != null; entry = first(range)) {
            Map.Entry<K, V> decoded = decoded(entry);
            if (removeIfUnchanged(entry)) {
                return decoded;
            }
        }
        return null;
    }

    /** Removes the last entry if no one changed it meanwhile, else tries the new last one. */
    @Override
    public Map.Entry<K, V> pollLastEntry() {
        for (io.stowage.api.Entry entry = last(range); entry != null; entry = last(range)) {
            Map.Entry<K, V> decoded = decoded(entry);
            if (removeIfUnchanged(entry)) {
                return decoded;
            }
        }
        return null;
    }

    @Override
    public SortedPersistentMap<K, V> descendingMap() {
        return new DescendingStoreMap<>(this);
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
    public SortedPersistentMap<K, V> subMap(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
        return new NavigableStoreMap<>(codec, range.view(codec.keyText(fromKey), fromInclusive,
                codec.keyText(toKey), toInclusive));
    }

    @Override
    public SortedPersistentMap<K, V> headMap(K toKey, boolean inclusive) {
        return new NavigableStoreMap<>(codec, range.view(null, false, codec.keyText(toKey), inclusive));
    }

    @Override
    public SortedPersistentMap<K, V> tailMap(K fromKey, boolean inclusive) {
        return new NavigableStoreMap<>(codec, range.view(codec.keyText(fromKey), inclusive, null, false));
    }

    private io.stowage.api.Entry first(KeyRange part) {
        StorePages pages = new StorePages(codec.store, part);
        return pages.hasNext() ? pages.next() : null;
    }

    /** The last entry of the range: searched for, since the store has no backward scan (see LastEntrySearch). */
    private io.stowage.api.Entry last(KeyRange part) {
        return new LastEntrySearch(codec.store, part).last();
    }

    /** A snapshot of the stored entry, or {@code null}: like TreeMap's, it does not write through. */
    private Map.Entry<K, V> decoded(io.stowage.api.Entry entry) {
        return entry == null ? null : new AbstractMap.SimpleImmutableEntry<>(codec.key(entry.key()),
                codec.value(entry.key(), entry.value()));
    }

    private static <K> K key(Map.Entry<K, ?> entry) {
        if (entry == null) {
            throw new NoSuchElementException("the map is empty");
        }
        return entry.getKey();
    }

    private static <K> K keyOrNull(Map.Entry<K, ?> entry) {
        return entry == null ? null : entry.getKey();
    }

    /** Deletes the key only if it still holds exactly these stored bytes; for the poll operations. */
    private boolean removeIfUnchanged(io.stowage.api.Entry entry) {
        return codec.store.transact(tx -> {
            if (!Arrays.equals(tx.get(entry.key()), entry.value())) {
                return false;
            }
            tx.delete(entry.key());
            return true;
        });
    }
}
