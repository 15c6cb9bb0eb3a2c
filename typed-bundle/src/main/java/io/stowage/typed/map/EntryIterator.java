package io.stowage.typed.map;

import java.util.Iterator;
import java.util.Map;

import io.stowage.api.Entry;

/** Decodes raw entries as they are consumed; {@link #remove} deletes the last one's key from the store. */
final class EntryIterator<K, V> implements Iterator<Map.Entry<K, V>> {

    private final Iterator<Entry> raw;
    private final EntryCodec<K, V> codec;
    private final Map<K, V> map;
    private String last;

    EntryIterator(Iterator<Entry> raw, EntryCodec<K, V> codec, Map<K, V> map) {
        this.raw = raw;
        this.codec = codec;
        this.map = map;
    }

    @Override
    public boolean hasNext() {
        return raw.hasNext();
    }

    @Override
    public Map.Entry<K, V> next() {
        Entry entry = raw.next();
        last = entry.key();
        return new StoreEntry<>(map, codec.key(entry.key()), codec.value(entry.key(), entry.value()));
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() was not called, or remove() was called after it");
        }
        codec.store.delete(last);
        last = null;
    }
}
