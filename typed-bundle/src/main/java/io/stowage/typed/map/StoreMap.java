package io.stowage.typed.map;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.stowage.api.Batch;
import io.stowage.api.Store;
import io.stowage.typed.Codec;
import io.stowage.typed.PersistentMap;

/**
 * A {@link PersistentMap} over the keys of a store within a range (all of them for a map made by
 * {@link io.stowage.typed.PersistentMaps#of}). Each per-key read-modify-write is one store transaction.
 */
public class StoreMap<K, V> extends AbstractMap<K, V> implements PersistentMap<K, V> {

    final EntryCodec<K, V> codec;
    final KeyRange range;
    private final Set<Map.Entry<K, V>> entrySet;

    StoreMap(EntryCodec<K, V> codec, KeyRange range) {
        this.codec = codec;
        this.range = range;
        this.entrySet = new EntrySetView<>(this, () -> new EntryIterator<>(new StorePages(codec.store, range), codec,
                this));
    }

    /** A map over every key of the store. */
    public static <K, V> PersistentMap<K, V> over(Store store, Codec<K> keys, Codec<V> values) {
        return new StoreMap<>(new EntryCodec<>(store, keys, values), KeyRange.ALL);
    }

    @Override
    public Store store() {
        return codec.store;
    }

    @Override
    public Codec<K> keyCodec() {
        return codec.keys;
    }

    @Override
    public Codec<V> valueCodec() {
        return codec.values;
    }

    /** The key text of a key this map may hold, or {@code null} for another type or a key outside its range. */
    final String readableKey(Object key) {
        if (!codec.isKey(key)) {
            return null;
        }
        String text = codec.keyTextOf(key);
        return range.contains(text) ? text : null;
    }

    /** The key text of a key to write, which must lie within the map's range. */
    final String writableKey(K key) {
        String text = codec.keyText(key);
        if (!range.contains(text)) {
            throw new IllegalArgumentException("key out of range: " + key + " (key text '" + text + "')");
        }
        return text;
    }

    @Override
    public V get(Object key) {
        String text = readableKey(key);
        return text == null ? null : codec.valueOrNull(text, codec.store.get(text));
    }

    @Override
    public boolean containsKey(Object key) {
        String text = readableKey(key);
        return text != null && codec.store.exists(text);
    }

    @Override
    public void set(K key, V value) {
        String text = writableKey(key);
        codec.store.put(text, codec.valueBytes(value));
    }

    /** Decodes the previous value inside the transaction: another codec's data is an error, and is not overwritten. */
    @Override
    public V put(K key, V value) {
        String text = writableKey(key);
        byte[] bytes = codec.valueBytes(value);
        return codec.store.transact(tx -> {
            V previous = codec.valueOrNull(text, tx.get(text));
            tx.put(text, bytes);
            return previous;
        });
    }

    @Override
    public V putIfAbsent(K key, V value) {
        String text = writableKey(key);
        byte[] bytes = codec.valueBytes(value);
        return codec.store.transact(tx -> {
            byte[] current = tx.get(text);
            if (current == null) {
                tx.put(text, bytes);
                return null;
            }
            return codec.value(text, current);
        });
    }

    @Override
    public V remove(Object key) {
        String text = readableKey(key);
        if (text == null) {
            return null;
        }
        return codec.store.transact(tx -> {
            V previous = codec.valueOrNull(text, tx.get(text));
            if (previous != null) {
                tx.delete(text);
            }
            return previous;
        });
    }

    @Override
    public boolean remove(Object key, Object value) {
        String text = readableKey(key);
        if (text == null || !codec.isValue(value)) {
            return false;
        }
        return codec.store.transact(tx -> {
            V current = codec.valueOrNull(text, tx.get(text));
            if (current == null || !Objects.deepEquals(current, value)) {
                return false;
            }
            tx.delete(text);
            return true;
        });
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        Objects.requireNonNull(oldValue, "oldValue");
        byte[] bytes = codec.valueBytes(newValue);
        String text = readableKey(key);
        if (text == null) {
            return false;
        }
        return codec.store.transact(tx -> {
            V current = codec.valueOrNull(text, tx.get(text));
            if (current == null || !Objects.deepEquals(current, oldValue)) {
                return false;
            }
            tx.put(text, bytes);
            return true;
        });
    }

    @Override
    public V replace(K key, V value) {
        byte[] bytes = codec.valueBytes(value);
        String text = readableKey(key);
        if (text == null) {
            return null;
        }
        return codec.store.transact(tx -> {
            V current = codec.valueOrNull(text, tx.get(text));
            if (current != null) {
                tx.put(text, bytes);
            }
            return current;
        });
    }

    /** One transaction; {@code remapping} may run more than once, on a conflict, and must have no other effect. */
    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        return remap(writableKey(key), current -> remapping.apply(key, current));
    }

    /** A plain read when the key is present, else one transaction in which {@code mapping} may run more than once. */
    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        String text = writableKey(key);
        V present = codec.valueOrNull(text, codec.store.get(text));
        if (present != null) {
            return present;
        }
        return codec.store.transact(tx -> {
            byte[] stored = tx.get(text);
            if (stored != null) {
                return codec.value(text, stored);
            }
            V result = mapping.apply(key);
            if (result != null) {
                tx.put(text, codec.valueBytes(result));
            }
            return result;
        });
    }

    /** One transaction; {@code remapping} may run more than once, on a conflict, and must have no other effect. */
    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        return remap(writableKey(key), current -> current == null ? null : remapping.apply(key, current));
    }

    /** One transaction; {@code remapping} may run more than once, on a conflict, and must have no other effect. */
    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        return remap(writableKey(key), current -> current == null ? value : remapping.apply(current, value));
    }

    /**
     * In one transaction: the key's next value from its current one (null: absent), stored, or the key removed when
     * it is null. Returns the next value.
     */
    private V remap(String text, Function<V, ? extends V> next) {
        return codec.store.transact(tx -> {
            byte[] stored = tx.get(text);
            V result = next.apply(codec.valueOrNull(text, stored));
            if (result != null) {
                tx.put(text, codec.valueBytes(result));
            } else if (stored != null) {
                tx.delete(text);
            }
            return result;
        });
    }

    /** Reads every key of the map: the whole store's count, or a scan of the view's range. */
    @Override
    public int size() {
        long count = 0;
        if (range.unbounded()) {
            count = codec.store.count();
        } else {
            for (Iterator<io.stowage.api.Entry> pages = new StorePages(codec.store, range); pages.hasNext(); pages.next()) {
                count++;
            }
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    @Override
    public boolean isEmpty() {
        return !new StorePages(codec.store, range).hasNext();
    }

    /** Removes the map's keys a page at a time: not atomic, as {@link Store#clear()} is not. */
    @Override
    public void clear() {
        if (range.unbounded()) {
            codec.store.clear();
            return;
        }
        StorePages pages = new StorePages(codec.store, range);
        while (pages.hasNext()) {
            Batch.Builder deletes = Batch.builder();
            for (int n = 0; n < StorePages.PAGE && pages.hasNext(); n++) {
                deletes.delete(pages.next().key());
            }
            codec.store.write(deletes.build());
        }
    }

    @Override
    public boolean containsValue(Object value) {
        if (!codec.isValue(value)) {
            return false;
        }
        for (Iterator<io.stowage.api.Entry> pages = new StorePages(codec.store, range); pages.hasNext();) {
            io.stowage.api.Entry entry = pages.next();
            if (Objects.deepEquals(codec.value(entry.key(), entry.value()), value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return entrySet;
    }
}
