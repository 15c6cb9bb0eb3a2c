package io.stowage.jcache;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

import javax.cache.event.EventType;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

import io.stowage.api.Store;
import io.stowage.api.Transaction;

/**
 * Runs one operation on one cache entry as a Stowage transaction: reads the entry, lets the operation change it (an
 * {@link EntryChange}), then writes the result with its expiry as the store's TTL and tells the cache writer, all
 * before the transaction commits, so that a failing writer leaves the entry as it was. A conflict with a concurrent
 * change runs the whole attempt again, writer call included: writers see each committed value at least once.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class EntryTransaction<K, V> {

    /**
     * What a committed operation did.
     *
     * @param event   the event to tell listeners, or null
     * @param put     whether a value was stored through a put, a replace or a processor (counted as a put)
     * @param removed whether a present entry was removed
     */
    record Outcome<K, V>(EntryChange<K, V> change, CacheEvent<K, V> event, boolean put, boolean removed) {
    }

    private final String cacheName;
    private final Store store;
    private final EntryCoding coding;
    private final CacheSettings<K, V> settings;
    private final ExpiryTimes times;

    EntryTransaction(String cacheName, Store store, EntryCoding coding, CacheSettings<K, V> settings) {
        this.cacheName = cacheName;
        this.store = store;
        this.coding = coding;
        this.settings = settings;
        this.times = new ExpiryTimes(settings.expiry());
    }

    /** The store key the cache key is kept under. */
    String storeKey(K key) {
        return coding.keys().map(key).text();
    }

    /** What a read without a transaction found: the value, or null for a miss. */
    record Found<V>(V value) {
    }

    /**
     * Reads the entry with one store read instead of a transaction, which a get of a present entry needs only when
     * the expiry policy moves the entry's expiry on access; then a transaction changes the entry as read, and leaves
     * one that changed meanwhile to the later change. Returns null when the entry is absent and the cache reads
     * through: loading and storing belong in a transaction ({@link #run}).
     */
    Found<V> read(K key) {
        KeyMapping.MappedKey mapped = coding.keys().map(key);
        String storeKey = mapped.text();
        byte[] bytes = store.get(storeKey);
        if (bytes == null) {
            return settings.readThrough() == null ? new Found<>(null) : null;
        }
        long now = System.currentTimeMillis();
        EntryEnvelope current = coding.envelope(bytes, cacheName, storeKey);
        @SuppressWarnings("unchecked")
        V value = (V) coding.value(current, cacheName, storeKey);
        long at = times.forAccess(now);
        if (at != ExpiryTimes.UNCHANGED && at != current.expiresAtMillis()) {
            store.transact(tx -> {
                if (Arrays.equals(tx.get(storeKey), bytes)) {
                    if (at == ExpiryTimes.NOW) {
                        tx.delete(storeKey);
                    } else {
                        write(tx, mapped, current.expiringAt(at), now);
                    }
                }
                return null;
            });
        }
        return new Found<>(value);
    }

    /** Runs the operation with the cache's writer, if it writes through. */
    Outcome<K, V> run(K key, Consumer<EntryChange<K, V>> operation) {
        return run(key, operation, settings.writer());
    }

    /**
     * Runs the operation; {@code writer} null when the caller has told the writer already (the bulk operations).
     */
    Outcome<K, V> run(K key, Consumer<EntryChange<K, V>> operation, CacheWriter<? super K, ? super V> writer) {
        KeyMapping.MappedKey mapped = coding.keys().map(key);
        return store.transact(tx -> {
            long now = System.currentTimeMillis();
            byte[] bytes = tx.get(mapped.text());
            EntryEnvelope current = bytes == null ? null : coding.envelope(bytes, cacheName, mapped.text());
            @SuppressWarnings("unchecked")
            V original = current == null ? null : (V) coding.value(current, cacheName, mapped.text());
            EntryChange<K, V> change = new EntryChange<>(key, original, settings.readThrough());
            operation.accept(change);
            return apply(tx, mapped, current, change, writer, now);
        });
    }

    private Outcome<K, V> apply(Transaction tx, KeyMapping.MappedKey mapped, EntryEnvelope current,
            EntryChange<K, V> change, CacheWriter<? super K, ? super V> writer, long now) {
        K key = change.getKey();
        V value = change.current();
        switch (change.action()) {
            case ACCESS -> {
                long at = times.forAccess(now);
                if (at == ExpiryTimes.NOW) {
                    tx.delete(mapped.text());
                } else if (at != ExpiryTimes.UNCHANGED && at != current.expiresAtMillis()) {
                    write(tx, mapped, current.expiringAt(at), now);
                }
                return new Outcome<>(change, null, false, false);
            }
            case LOAD -> {
                long at = times.forCreation(now);
                if (at == ExpiryTimes.NOW) {
                    return new Outcome<>(change, null, false, false);
                }
                write(tx, mapped, coding.wrap(value, at, mapped), now);
                return new Outcome<>(change, new CacheEvent<>(EventType.CREATED, key, value, null), false, false);
            }
            case CREATE -> {
                tellWriter(writer, key, value);
                long at = times.forCreation(now);
                if (at == ExpiryTimes.NOW) {
                    return new Outcome<>(change, null, false, false);
                }
                write(tx, mapped, coding.wrap(value, at, mapped), now);
                return new Outcome<>(change, new CacheEvent<>(EventType.CREATED, key, value, null), true, false);
            }
            case UPDATE -> {
                tellWriter(writer, key, value);
                long at = times.forUpdate(now);
                if (at == ExpiryTimes.NOW) {
                    tx.delete(mapped.text());
                } else {
                    long expiresAt = at == ExpiryTimes.UNCHANGED ? current.expiresAtMillis() : at;
                    write(tx, mapped, coding.wrap(value, expiresAt, mapped), now);
                }
                return new Outcome<>(change, new CacheEvent<>(EventType.UPDATED, key, value, change.original()),
                        true, false);
            }
            case REMOVE -> {
                tellWriterDelete(writer, key);
                if (current == null) {
                    return new Outcome<>(change, null, false, false);
                }
                tx.delete(mapped.text());
                V old = change.original();
                return new Outcome<>(change, new CacheEvent<>(EventType.REMOVED, key, old, old), false, true);
            }
            default -> {
                return new Outcome<>(change, null, false, false);
            }
        }
    }

    private static void write(Transaction tx, KeyMapping.MappedKey mapped, EntryEnvelope envelope, long now) {
        if (envelope.expiresAtMillis() == ExpiryTimes.NEVER) {
            tx.put(mapped.text(), envelope.toBytes());
        } else {
            long ttl = Math.max(1, envelope.expiresAtMillis() - now);
            tx.put(mapped.text(), envelope.toBytes(), Duration.ofMillis(ttl));
        }
    }

    private void tellWriter(CacheWriter<? super K, ? super V> writer, K key, V value) {
        if (writer != null) {
            asWriterFailure(() -> writer.write(new StowageCacheEntry<>(key, value)), "write", key);
        }
    }

    private void tellWriterDelete(CacheWriter<? super K, ? super V> writer, K key) {
        if (writer != null) {
            asWriterFailure(() -> writer.delete(key), "delete", key);
        }
    }

    /** Runs a writer call; what it throws reaches the caller as a CacheWriterException (JSR-107 section 10.2). */
    private void asWriterFailure(Runnable call, String what, K key) {
        try {
            call.run();
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("cache " + cacheName + ": the writer failed to " + what + " key " + key, e);
        }
    }
}
