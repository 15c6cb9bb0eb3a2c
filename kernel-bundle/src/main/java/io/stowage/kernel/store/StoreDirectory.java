package io.stowage.kernel.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;

/**
 * The stores of one backend and their short identifiers, kept in the backend itself beside the data, as
 * FoundationDB's directory layer maps paths to short prefixes. A store's keys are stored as {@code prefix key}, where
 * the prefix is the store's identifier in the self-delimiting form {@link StoreKeys} defines: a length byte, then the
 * identifier's bytes, big endian. Identifiers count up from 1 and are never reused; a store keeps its identifier for
 * as long as the backend keeps its data, even when all its keys are deleted, so a key written with an identifier
 * learnt earlier can never land in another store.
 *
 * <pre>
 * 0x00 "stowage.store" 0x00 namespace 0x00 store   the store's prefix
 * 0x00 "stowage.store-count"                       the last identifier given out, 8 bytes big endian
 * </pre>
 *
 * Both are kernel metadata (no envelope, no expiry), so hand-overs, hot copies and instance copies carry them with
 * the data. Two threads or two kernels (on a shared Redis) making the same store at once agree: the counter moves by
 * compare-and-set, and the entry is written only if absent, so the loser reads the winner's prefix.
 */
public final class StoreDirectory {

    private static final byte[] ENTRIES = metadataKey("stowage.store\0");
    private static final byte[] COUNTER = metadataKey("stowage.store-count");

    /** A store the directory knows: its names and its prefix. */
    public record Listed(String namespace, String store, byte[] prefix) {
    }

    private StoreDirectory() {
    }

    /** The store's prefix in this backend, given a new identifier if the store has none yet. */
    public static byte[] prefixOf(StorageBackend backend, String namespace, String store) {
        byte[] entry = entryKey(namespace, store);
        byte[] known = backend.get(entry);
        if (known != null) {
            return known;
        }
        byte[] made = prefix(nextId(backend));
        if (backend.putIfAbsent(entry, made.clone(), 0)) {
            return made;
        }
        return backend.get(entry);
    }

    /** The directory's stores in key order, of one namespace or ({@code namespace} null) of all. */
    public static List<Listed> list(StorageBackend backend, String namespace) {
        byte[] from = namespace == null ? ENTRIES : namespaceKey(namespace);
        byte[] to = KeyCodec.prefixEnd(from);
        List<Listed> listed = new ArrayList<>();
        while (true) {
            List<BackendEntry> page = backend.scan(from, to, 1000);
            for (BackendEntry entry : page) {
                byte[] key = entry.key();
                int separator = indexOfZero(key, ENTRIES.length);
                listed.add(new Listed(new String(key, ENTRIES.length, separator - ENTRIES.length, StandardCharsets.UTF_8),
                        new String(key, separator + 1, key.length - separator - 1, StandardCharsets.UTF_8),
                        entry.value()));
            }
            if (page.size() < 1000) {
                return listed;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /** The prefix of identifier {@code id}: its length byte, then its bytes without leading zeros. */
    static byte[] prefix(long id) {
        int length = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(id) + 7) / 8);
        byte[] prefix = new byte[1 + length];
        prefix[0] = (byte) length;
        for (int i = 0; i < length; i++) {
            prefix[length - i] = (byte) (id >>> (8 * i));
        }
        return prefix;
    }

    private static long nextId(StorageBackend backend) {
        while (true) {
            byte[] current = backend.get(COUNTER);
            if (current == null) {
                if (backend.putIfAbsent(COUNTER.clone(), longBytes(1), 0)) {
                    return 1;
                }
                continue;
            }
            long next = toLong(current) + 1;
            if (backend.replace(COUNTER.clone(), current, longBytes(next), 0)) {
                return next;
            }
        }
    }

    private static byte[] entryKey(String namespace, String store) {
        return KeyCodec.concat(namespaceKey(namespace), store.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] namespaceKey(String namespace) {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(ENTRIES, ENTRIES.length + ns.length + 1);
        System.arraycopy(ns, 0, key, ENTRIES.length, ns.length);
        return key;
    }

    private static byte[] metadataKey(String name) {
        return KeyCodec.concat(new byte[] {KeyCodec.META}, name.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static long toLong(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
