package io.stowage.api;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The view of one store that a {@link Store#transact} work function reads and writes through.
 *
 * <p>Reads see the store as it is, together with this transaction's own writes; writes are kept until the work
 * returns and then applied at once. The transaction commits only if nothing it read has changed since: every key it
 * read (present, absent or expired), and every range a {@link #scan} or {@link #keys} listing went through, so that a
 * key added to a scanned range (a phantom) is a change too. An entry that expires between the read and the commit is
 * a change. Committed transactions are serializable: the store ends as if each ran alone, at one moment between its
 * start and its return.
 *
 * <p>A transaction is valid only inside the work function it was given to, on that function's thread; afterwards
 * every method throws {@link IllegalStateException}. Keys, values, TTLs, globs and limits are checked as by
 * {@link Store}, and refused with the same exceptions.
 */
@ProviderType
public interface Transaction {

    /** The value of the key, or {@code null} if it is absent or expired; this transaction's writes included. */
    byte[] get(String key);

    /** Whether the key is present and not expired; this transaction's writes included. */
    boolean exists(String key);

    /** The present keys among {@code keys}, with their values, as {@link Store#getAll} returns them. */
    Map<String, byte[]> getAll(Collection<String> keys);

    /** Entries of {@code [fromInclusive, toExclusive)} in key order, as {@link Store#scan} pages them. */
    Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter);

    /** The first page of {@link #scan(String, String, int, String)}. */
    default Page<Entry> scan(String fromInclusive, String toExclusive, int limit) {
        return scan(fromInclusive, toExclusive, limit, null);
    }

    /** Keys matching a glob in key order, as {@link Store#keys} pages them. */
    Page<String> keys(String glob, int limit, String continueAfter);

    /** The first page of {@link #keys(String, int, String)}. */
    default Page<String> keys(String glob, int limit) {
        return keys(glob, limit, null);
    }

    /** Writes the value without expiry when the transaction commits, replacing any previous value and TTL. */
    void put(String key, byte[] value);

    /** Writes the value when the transaction commits; the key expires {@code ttl} after this call. */
    void put(String key, byte[] value, Duration ttl);

    /** Removes the key when the transaction commits; reads no value, so it adds nothing to the conflict checks. */
    void delete(String key);

    /**
     * Writes the value when the transaction commits if the key is absent (or expired) now, as this transaction sees
     * it; returns whether it will. Reads the key, so a concurrent write of it is a conflict.
     */
    boolean putIfAbsent(String key, byte[] value);
}
