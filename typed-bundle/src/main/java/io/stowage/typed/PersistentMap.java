package io.stowage.typed;

import java.util.concurrent.ConcurrentMap;

import org.osgi.annotation.versioning.ProviderType;

import io.stowage.api.Store;

/**
 * A store seen as a {@link ConcurrentMap}: keys through a key codec's text, values through a value codec behind the
 * typed header. The map holds nothing but its codecs: every operation reads or writes the store, so maps over the
 * same store, in any bundle or process sharing it, see each other's writes.
 *
 * <p>Per-key operations are atomic. {@code put}, {@code remove}, {@code putIfAbsent}, {@code replace},
 * {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} and {@code merge} each run as one store
 * transaction ({@link Store#transact}), so the store's backend needs transactions (memory and LMDB have them), and
 * the functions given to the last four may run more than once, on a conflict: they must have no other effect. A
 * function that throws leaves the mapping as it was. They decode the current value inside the transaction, so a
 * value another codec wrote makes them throw {@link CodecMismatchException} and change nothing; {@link #set} writes
 * without reading, and so replaces it.
 *
 * <p>Iteration, {@code containsValue}, {@code equals} and {@code hashCode} page through {@link Store#scan} a few
 * hundred entries at a time and never hold the store in memory; they are weakly consistent, as a
 * {@code ConcurrentMap}'s iterators are: they see some of the writes made while they run. {@link #size()} reads all
 * the map's keys. {@code Iterator.remove} and {@code Map.Entry.setValue} write through.
 *
 * <p>Null keys and values are refused with {@link NullPointerException}. Stored data the codecs cannot read throws
 * {@link CodecMismatchException}; a key whose text the store refuses (empty, over
 * {@value io.stowage.api.Limits#MAX_KEY_BYTES} UTF-8 bytes, a lone surrogate) throws
 * {@link io.stowage.api.InvalidKeyException}, naming the typed key where the map can check it before the store.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@ProviderType
public interface PersistentMap<K, V> extends ConcurrentMap<K, V> {

    /** The store this map reads and writes. */
    Store store();

    /** The codec of the keys. */
    Codec<K> keyCodec();

    /** The codec of the values. */
    Codec<V> valueCodec();

    /** Stores the value under the key in one write, without reading or returning the previous value. */
    void set(K key, V value);

    /** The number of mappings, at most {@link Integer#MAX_VALUE}: reads every key of the map. */
    @Override
    int size();
}
