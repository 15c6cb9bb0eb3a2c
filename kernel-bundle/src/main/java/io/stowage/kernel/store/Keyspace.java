package io.stowage.kernel.store;

import java.util.Arrays;
import java.util.List;

import io.stowage.kernel.index.IndexLayout;
import io.stowage.spi.BackendMutation;

import io.stowage.spi.StoreKeys;

/**
 * Where one store's keys live in one backend instance: the store's prefix there (its keys end below
 * {@code prefix 0xFE}, where its index entries begin: see {@link IndexLayout}), from that backend's
 * {@link StoreDirectory}. Operations build their keys before they know which instance will serve them, with the
 * prefix the store had last; {@link #key} moves such a key under this prefix when the two differ, which happens only
 * after the store moved to another configuration.
 *
 * @param instance the {@linkplain BoundBackend#serial() serial} of the instance, not the instance itself: a store
 *                 nobody uses for a while must not keep an ended extension's classes reachable
 */
public record Keyspace(long instance, byte[] prefix, byte[] end) {

    /** The prefix of keys built before the store was ever served: identifier 0, which no store is given. */
    static final byte[] UNRESOLVED = {1, 0};

    public Keyspace(long instance, byte[] prefix) {
        this(instance, prefix, IndexLayout.storeKeysEnd(prefix));
    }

    /** The key under this store prefix: {@code key} itself when it already has it; null stays null. */
    public byte[] key(byte[] key) {
        if (key == null) {
            return null;
        }
        int current = StoreKeys.prefixLength(key);
        if (current == prefix.length && Arrays.equals(key, 0, current, prefix, 0, current)) {
            return key;
        }
        byte[] moved = Arrays.copyOf(prefix, prefix.length + key.length - current);
        System.arraycopy(key, current, moved, prefix.length, key.length - current);
        return moved;
    }

    /**
     * The keys under this prefix: the list itself when its first key is, since the keys of one operation are all
     * built with the same prefix.
     */
    List<byte[]> keys(List<byte[]> keys) {
        return keys.isEmpty() || key(keys.get(0)) == keys.get(0) ? keys : keys.stream().map(this::key).toList();
    }

    /** The mutations with their keys under this prefix, as {@link #keys(List)} does. */
    public List<BackendMutation> mutations(List<BackendMutation> mutations) {
        if (mutations.isEmpty() || key(mutations.get(0).key()) == mutations.get(0).key()) {
            return mutations;
        }
        return mutations.stream().map(mutation -> new BackendMutation(key(mutation.key()), mutation.value(),
                mutation.expiresAtMillis())).toList();
    }
}
