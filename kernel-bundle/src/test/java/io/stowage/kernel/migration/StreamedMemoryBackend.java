package io.stowage.kernel.migration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.stowage.api.ChangeKind;
import io.stowage.spi.BackendChange;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;
import io.stowage.storage.memory.MemoryBackend;

/**
 * A memory backend with a change stream as the Redis backend keeps one: each write that changes a key records it
 * atomically with the write, at a position {@code max(last + 1, ms * 1_000_000)}, as Redis's entry ids map. For
 * tests of the kernel's followers without a redis-server.
 */
final class StreamedMemoryBackend implements StorageBackend {

    private final MemoryBackend data;
    private final List<BackendChange> stream = new ArrayList<>();
    private long last;

    StreamedMemoryBackend(MemoryBackend data) {
        this.data = data;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(data.capabilities());
        capabilities.add(Capability.CHANGE_STREAM);
        return capabilities;
    }

    @Override
    public byte[] get(byte[] key) {
        return data.get(key);
    }

    @Override
    public synchronized void put(byte[] key, byte[] value, long expiresAtMillis) {
        data.put(key, value, expiresAtMillis);
        record(key, value);
    }

    @Override
    public synchronized byte[] delete(byte[] key) {
        byte[] previous = data.delete(key);
        if (previous != null) {
            record(key, null);
        }
        return previous;
    }

    @Override
    public synchronized boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        boolean stored = data.putIfAbsent(key, value, expiresAtMillis);
        if (stored) {
            record(key, value);
        }
        return stored;
    }

    @Override
    public synchronized boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        boolean replaced = data.replace(key, expected, value, expiresAtMillis);
        if (replaced) {
            record(key, value);
        }
        return replaced;
    }

    @Override
    public synchronized void write(List<BackendMutation> mutations) {
        List<Boolean> present = new ArrayList<>();
        for (BackendMutation mutation : mutations) {
            present.add(data.get(mutation.key()) != null);
        }
        data.write(mutations);
        recordAll(mutations, present);
    }

    @Override
    public synchronized boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations,
            long deadlineMillis) {
        List<Boolean> present = new ArrayList<>();
        for (BackendMutation mutation : mutations) {
            present.add(data.get(mutation.key()) != null);
        }
        boolean written = data.writeIf(conditions, mutations, deadlineMillis);
        if (written) {
            recordAll(mutations, present);
        }
        return written;
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        return data.scan(fromInclusive, toExclusive, limit);
    }

    @Override
    public synchronized List<BackendChange> changesAfter(byte[] storePrefix, long afterPosition, int limit,
            long waitMillis) {
        List<BackendChange> found = new ArrayList<>();
        for (BackendChange change : stream) {
            if (change.position() > afterPosition && inStore(change, storePrefix) && found.size() < limit) {
                found.add(change);
            }
        }
        return found;
    }

    @Override
    public synchronized List<BackendChange> latestChanges(byte[] storePrefix, int count) {
        List<BackendChange> found = new ArrayList<>();
        for (int i = stream.size() - 1; i >= 0 && found.size() < count; i--) {
            if (inStore(stream.get(i), storePrefix)) {
                found.add(0, stream.get(i));
            }
        }
        return found;
    }

    @Override
    public long lastDroppedChange(byte[] storePrefix) {
        return -1;
    }

    /** Writes to the data and the stream as another runtime would: the kernel serving this instance never sees it. */
    synchronized byte[] deleteAsAnotherRuntime(byte[] key) {
        return delete(key);
    }

    private void recordAll(List<BackendMutation> mutations, List<Boolean> present) {
        for (int i = 0; i < mutations.size(); i++) {
            BackendMutation mutation = mutations.get(i);
            if (!mutation.isDelete() || present.get(i)) {
                record(mutation.key(), mutation.isDelete() ? null : mutation.value());
            }
        }
    }

    private void record(byte[] key, byte[] value) {
        if (StoreKeys.prefixLength(key) == 0) {
            return;
        }
        last = Math.max(last + 1, System.currentTimeMillis() * 1_000_000L);
        stream.add(new BackendChange(last, key.clone(), value == null ? ChangeKind.DELETE : ChangeKind.PUT,
                value == null ? null : value.clone()));
    }

    private static boolean inStore(BackendChange change, byte[] prefix) {
        return StoreKeys.prefixLength(change.key()) == prefix.length
                && java.util.Arrays.equals(change.key(), 0, prefix.length, prefix, 0, prefix.length);
    }
}
