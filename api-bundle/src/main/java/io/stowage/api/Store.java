package io.stowage.api;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A named key-value store within one namespace.
 *
 * <p>Keys are non-empty strings of at most {@value Limits#MAX_KEY_BYTES} UTF-8 bytes without lone surrogates, ordered
 * by their unsigned UTF-8 bytes on every backend. Values are byte arrays of at most
 * {@value Limits#MAX_VALUE_BYTES} bytes (empty allowed); arrays passed in are copied, arrays returned are the
 * caller's own.
 *
 * <p>Expiry is an absolute time: a key with a TTL is gone as soon as now &ge; its expiry, whether or not a sweep has
 * removed it yet. A plain {@link #put(String, byte[])} replaces the whole entry and so clears any TTL the key had.
 *
 * <p>When the store's backend is not available, an operation waits a bounded, configurable time for it and then
 * throws {@link BackendUnavailableException}. After {@link #close()} every operation throws
 * {@link StoreClosedException}.
 */
@ProviderType
public interface Store extends AutoCloseable {

    /** The namespace this store lives in. */
    String namespace();

    /** The store's name within its namespace. */
    String name();

    /** The value of the key, or {@code null} if the key is absent or expired. */
    byte[] get(String key);

    /** Stores the value under the key without expiry, replacing any previous value and TTL. */
    void put(String key, byte[] value);

    /**
     * Stores the value under the key; the key expires {@code ttl} from now.
     *
     * @throws InvalidTtlException if the TTL is zero or negative
     */
    void put(String key, byte[] value, Duration ttl);

    /** Removes the key. Returns whether it was present (an expired key is not present). */
    boolean delete(String key);

    /** Whether the key is present and not expired. */
    boolean exists(String key);

    /** The key's remaining time to live: absent, present without expiry, or expiring. */
    KeyTtl ttl(String key);

    /** The present keys among {@code keys}, with their values; absent and expired keys are left out. */
    Map<String, byte[]> getAll(Collection<String> keys);

    /**
     * Applies every mutation of the batch atomically: no reader ever sees part of it. All keys and values are
     * validated before anything is written.
     */
    void write(Batch batch);

    /** Stores the value only if the key is absent (or expired). Returns whether it stored. */
    boolean putIfAbsent(String key, byte[] value);

    /** Like {@link #putIfAbsent(String, byte[])}, with an expiry {@code ttl} from now. */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    /**
     * Replaces the key's value with {@code value} (without expiry) only if its current value equals
     * {@code expected}. Returns whether it replaced. Never loses a concurrent update.
     */
    boolean replace(String key, byte[] expected, byte[] value);

    /**
     * Runs {@code work} as one serializable transaction on this store and returns what it returned.
     *
     * <p>The work reads and writes through the {@link Transaction} it is given; its writes are applied together when
     * it returns, and only if nothing it read has changed meanwhile (see {@link Transaction} for exactly what counts
     * as a change). On such a conflict the kernel discards the writes and runs {@code work} again, after a short
     * random pause, up to a configured number of attempts, and then throws {@link TransactionConflictException}. So
     * {@code work} may run more than once, and may see an inconsistent view of the store on an attempt that is then
     * discarded: <strong>it must have no effect outside the transaction</strong> (no I/O, no changes to shared
     * objects), and it should not catch exceptions it does not expect. An exception thrown by {@code work} ends the
     * transaction with nothing written; it is rethrown, unless what the work read had changed, in which case the work
     * runs again, since the exception may come from that inconsistent view.
     *
     * <p>A transaction that only reads commits by checking that what it read was all there at one moment: it sees a
     * consistent snapshot.
     *
     * @param work what to do; may return {@code null}
     * @throws TransactionConflictException    when the attempts are used up
     * @throws UnsupportedCapabilityException  when the store's backend cannot check and write in one atomic step
     *                                         (it lacks {@code CONDITIONAL_WRITE}), or, for scans and listings, has no
     *                                         ordered scans
     * @since 1.1
     */
    <T> T transact(Function<Transaction, T> work);

    /**
     * Keys matching a glob, in key order, a page at a time.
     *
     * <p>{@code *} matches any run of characters (including {@code :} and none at all), {@code ?} exactly one
     * character, and {@code \} escapes the next {@code *}, {@code ?} or {@code \}. Listing reads only the keys that
     * share the pattern's literal prefix.
     *
     * @param glob          the pattern
     * @param limit         at most this many keys, 1 to {@value Limits#MAX_PAGE_SIZE}
     * @param continueAfter {@code null} for the first page, else the previous page's {@link Page#continuation()}
     * @throws InvalidPatternException if the pattern is malformed
     */
    Page<String> keys(String glob, int limit, String continueAfter);

    /** The first page of {@link #keys(String, int, String)}. */
    default Page<String> keys(String glob, int limit) {
        return keys(glob, limit, null);
    }

    /**
     * Entries with {@code fromInclusive <= key < toExclusive}, in key order, a page at a time.
     *
     * @param fromInclusive lower bound, or {@code null} for the store's first key
     * @param toExclusive   upper bound, or {@code null} for past the store's last key
     * @param limit         at most this many entries, 1 to {@value Limits#MAX_PAGE_SIZE}
     * @param continueAfter {@code null} for the first page, else the previous page's {@link Page#continuation()}
     */
    Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter);

    /** The first page of {@link #scan(String, String, int, String)}. */
    default Page<Entry> scan(String fromInclusive, String toExclusive, int limit) {
        return scan(fromInclusive, toExclusive, limit, null);
    }

    /** The number of present keys. Reads the whole store. */
    long count();

    /** Removes every key of the store. Not atomic: a concurrent writer may add keys while it runs. */
    void clear();

    /**
     * A feed of this store's committed changes to keys matching {@code glob}, from {@code fromPosition} (a position a
     * previous feed gave, to resume after it) or from {@link ChangeFeed#NOW}. A position older than the store's
     * change log still holds makes the first {@link ChangeFeed#poll} throw {@link FeedOverflowException}; so does a
     * position from before the runtime restarted, as positions are kept in memory (since 1.3), unless the store's
     * backend keeps a change stream (a Redis configuration with {@code changeStreamLength}): then positions are the
     * stream's, valid in every runtime sharing the data and across restarts while the stream holds them.
     *
     * @param withValues whether puts carry the value written
     * @throws InvalidPatternException if the glob is malformed
     */
    ChangeFeed watch(String glob, long fromPosition, boolean withValues);

    /**
     * The store's secondary index of this name, to look keys up by the index keys their values give (since 1.4).
     * Indexes are created and dropped by the operator ({@code stowage:index}); the handle is cheap, and each
     * lookup through it checks that the index exists and is built.
     *
     * @throws InvalidInputException if the name is not an index name (1 to 64 lower-case letters, digits, {@code -},
     *                               {@code _} or {@code .})
     */
    StoreIndex index(String name);

    /** Ends this handle; the data stays. Every later operation on this handle throws {@link StoreClosedException}. */
    @Override
    void close();
}
