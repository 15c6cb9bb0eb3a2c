package io.stowage.typed;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentNavigableMap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link PersistentMap} whose key codec preserves order, so its keys are in their natural order (the key codec's
 * order, {@link #comparator()}) and it answers {@link java.util.NavigableMap}'s questions: it is a
 * {@link ConcurrentNavigableMap}.
 *
 * <p>Ascending reads seek: {@code firstKey}, {@code ceilingKey}, {@code higherKey} and ascending iteration start
 * where the key is and read forward a page at a time. The store has no backward scan, so the reverse questions
 * ({@code lastKey}, {@code floorKey}, {@code lowerKey}, {@code pollLastEntry}) read one page forward and, when the
 * range goes on past it, search for the answer with single-key scans: a few per character of the key found, however
 * large the map. A descending iteration reads its range twice, holding one key per page of it. Views ({@code subMap}, {@code headMap}, {@code tailMap}, {@code descendingMap}) are live
 * and write through; writing a key outside a view's range throws {@link IllegalArgumentException}, as a
 * {@link java.util.TreeMap}'s views do.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@ProviderType
public interface SortedPersistentMap<K, V> extends PersistentMap<K, V>, ConcurrentNavigableMap<K, V> {

    /** The keys, as {@link #navigableKeySet()}. */
    @Override
    default NavigableSet<K> keySet() {
        return navigableKeySet();
    }

    @Override
    default NavigableSet<K> descendingKeySet() {
        return descendingMap().navigableKeySet();
    }

    @Override
    SortedPersistentMap<K, V> descendingMap();

    @Override
    SortedPersistentMap<K, V> subMap(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive);

    @Override
    SortedPersistentMap<K, V> headMap(K toKey, boolean inclusive);

    @Override
    SortedPersistentMap<K, V> tailMap(K fromKey, boolean inclusive);

    /** The keys from {@code fromKey} inclusive to {@code toKey} exclusive, as {@link java.util.SortedMap} says. */
    @Override
    default SortedPersistentMap<K, V> subMap(K fromKey, K toKey) {
        return subMap(fromKey, true, toKey, false);
    }

    /** The keys below {@code toKey}. */
    @Override
    default SortedPersistentMap<K, V> headMap(K toKey) {
        return headMap(toKey, false);
    }

    /** The keys from {@code fromKey} inclusive. */
    @Override
    default SortedPersistentMap<K, V> tailMap(K fromKey) {
        return tailMap(fromKey, true);
    }
}
