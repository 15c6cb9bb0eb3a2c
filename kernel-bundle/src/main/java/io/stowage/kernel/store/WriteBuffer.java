package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.stowage.api.InvalidInputException;
import io.stowage.api.Limits;
import io.stowage.spi.BackendMutation;

/**
 * The writes of one attempt of a transaction, kept until it commits: the last put or delete of each key, in key
 * order, so that the attempt's reads and scans see them. Keys are the caller's, as UTF-8 without the store's prefix.
 */
final class WriteBuffer {

    /** A buffered write: the envelope to store, or null for a delete. */
    record Pending(byte[] envelope, long expiresAt, int valueBytes) {

        boolean isDelete() {
            return envelope == null;
        }
    }

    private final NavigableMap<byte[], Pending> writes = new TreeMap<>(Arrays::compareUnsigned);
    private final String storeLabel;

    WriteBuffer(String storeLabel) {
        this.storeLabel = storeLabel;
    }

    void put(byte[] key, byte[] envelope, long expiresAt, int valueBytes) {
        add(key, new Pending(envelope, expiresAt, valueBytes));
    }

    void delete(byte[] key) {
        add(key, new Pending(null, ValueEnvelope.NO_EXPIRY, 0));
    }

    private void add(byte[] key, Pending pending) {
        if (writes.put(key, pending) == null && writes.size() > Limits.MAX_BATCH_SIZE) {
            writes.remove(key);
            throw new InvalidInputException("store " + storeLabel + ": a transaction writes at most "
                    + Limits.MAX_BATCH_SIZE + " keys");
        }
    }

    /** The buffered write of the key, or null if the attempt did not write it. */
    Pending pending(byte[] key) {
        return writes.get(key);
    }

    /** The buffered writes of [from, to) in key order ({@code to} null: to the store's end). */
    NavigableMap<byte[], Pending> within(byte[] from, byte[] to) {
        return to == null ? writes.tailMap(from, true) : writes.subMap(from, true, to, false);
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    int size() {
        return writes.size();
    }

    /** The caller's keys written, under {@code prefix}: what a migration mirrors after the commit. */
    List<byte[]> keys(byte[] prefix) {
        List<byte[]> keys = new ArrayList<>(writes.size());
        for (byte[] key : writes.keySet()) {
            keys.add(KeyCodec.concat(prefix, key));
        }
        return keys;
    }

    /** The writes as the backend's mutations, with keys under the store's prefix in the committing instance. */
    List<BackendMutation> mutations(Keyspace keys) {
        byte[] prefix = keys.prefix();
        List<BackendMutation> mutations = new ArrayList<>(writes.size());
        writes.forEach((key, pending) -> mutations.add(pending.isDelete()
                ? BackendMutation.delete(KeyCodec.concat(prefix, key))
                : BackendMutation.put(KeyCodec.concat(prefix, key), pending.envelope(), pending.expiresAt())));
        return mutations;
    }

    /** Key and value bytes of the puts, as traffic counts bytes written. */
    long bytes() {
        long bytes = 0;
        for (var write : writes.entrySet()) {
            if (!write.getValue().isDelete()) {
                bytes += write.getKey().length + write.getValue().valueBytes();
            }
        }
        return bytes;
    }
}
