package io.stowage.kernel.store;

import java.util.List;

import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.spi.StorageBackend;

/**
 * A store's compare-and-set writes on any backend: each reads the stored envelope and writes only if it is still
 * that one, looking again when another writer changed it in between. Expired entries count as absent, and values
 * are compared decoded, since a transform chain may store one value as different bytes each time.
 */
final class ConditionalWrites {

    private final StoreAccess access;
    private final IndexedWrites indexed;

    ConditionalWrites(StoreAccess access) {
        this.access = access;
        this.indexed = new IndexedWrites(access);
    }

    boolean putIfAbsent(StoreTraffic traffic, long started, String key, byte[] raw, byte[] value, long expiresAt) {
        byte[] envelope = access.values.envelope(key, value, expiresAt);
        try {
            boolean written = access.write((bound, keys, k, e, expiry) -> {
                if (!access.route.indexes().isEmpty()) {
                    return indexed.apply(bound, keys, List.of(new IndexedWrites.Change(key, k, value, e, expiry)),
                            current -> current == null || ValueEnvelope.isExpired(current, access.kernel.nowMillis()))
                            .written();
                }
                StorageBackend backend = bound.backend();
                while (true) {
                    byte[] current = backend.get(k);
                    if (current == null) {
                        if (backend.putIfAbsent(k, e, expiry)) {
                            return true;
                        }
                    } else if (ValueEnvelope.isExpired(current, access.kernel.nowMillis())) {
                        // An expired entry counts as absent; replace it only if nobody changed it meanwhile
                        if (backend.replace(k, current, e, expiry)) {
                            return true;
                        }
                    } else {
                        return false;
                    }
                }
            }, raw, envelope, expiresAt, StoreChanges.putIf(key, value));
            record(traffic, started, written, raw, value);
            return written;
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    boolean replace(StoreTraffic traffic, long started, String key, byte[] raw, byte[] expected, byte[] value) {
        byte[] envelope = access.values.envelope(key, value, ValueEnvelope.NO_EXPIRY);
        try {
            boolean replaced = access.write((bound, keys, k, e, expiry) -> {
                if (!access.route.indexes().isEmpty()) {
                    return indexed.apply(bound, keys, List.of(new IndexedWrites.Change(key, k, value, e, expiry)),
                            current -> current != null && !ValueEnvelope.isExpired(current, access.kernel.nowMillis())
                                    && access.values.valueEquals(key, current, expected)).written();
                }
                StorageBackend backend = bound.backend();
                while (true) {
                    byte[] current = backend.get(k);
                    if (current == null || ValueEnvelope.isExpired(current, access.kernel.nowMillis())
                            || !access.values.valueEquals(key, current, expected)) {
                        return false;
                    }
                    // The stored bytes may differ from what was read (another writer): then look again
                    if (backend.replace(k, current, e, expiry)) {
                        return true;
                    }
                }
            }, raw, envelope, ValueEnvelope.NO_EXPIRY, StoreChanges.putIf(key, value));
            record(traffic, started, replaced, raw, value);
            return replaced;
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    private static void record(StoreTraffic traffic, long started, boolean written, byte[] raw, byte[] value) {
        if (written) {
            traffic.write(started, 1, KernelStore.keyBytes(raw) + value.length);
        } else {
            traffic.unchanged(started);
        }
    }
}
