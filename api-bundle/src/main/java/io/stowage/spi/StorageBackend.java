package io.stowage.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One backend instance: raw byte keys and values in one place (a memory map, an LMDB environment, a Redis
 * deployment). It sees every namespace's bytes, so only the kernel ever reaches it.
 *
 * <p>Keys are compared as unsigned bytes. Arrays passed in belong to the backend afterwards (the kernel never
 * modifies them); arrays returned belong to the kernel, which never modifies them either. Every method may be called
 * from many threads at once. Failures are reported as {@link io.stowage.api.StorageException}s, for example
 * {@link io.stowage.api.StorageFullException} when a configured capacity is reached.
 */
@ConsumerType
public interface StorageBackend {

    /** What this backend can do; fixed for the life of the instance. */
    Set<Capability> capabilities();

    /** The value stored under the key, or {@code null}. */
    byte[] get(byte[] key);

    /**
     * What the reader makes of the value stored under the key, read in place, or {@code null} if the key is absent
     * (the reader is then not called). The reader runs once, during this call and on the caller's thread, on a
     * read-only buffer; it must not call the backend. A backend that can show its stored bytes without copying them
     * (within a read transaction, say) overrides this; the default gives the reader the array {@link #get(byte[])}
     * returned ({@link ValueReader#read(byte[])}).
     *
     * @since 1.2
     */
    default <T> T get(byte[] key, ValueReader<T> reader) {
        byte[] value = get(key);
        return value == null ? null : reader.read(value);
    }

    /** The values of the keys, in the same order, {@code null} where absent. */
    default List<byte[]> getAll(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /** Stores the value, replacing any previous one. {@code expiresAtMillis} as in {@link BackendMutation}. */
    void put(byte[] key, byte[] value, long expiresAtMillis);

    /** Removes the key; returns the value it had, or {@code null}. */
    byte[] delete(byte[] key);

    /** Stores the value only if the key is absent; returns whether it stored. */
    boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis);

    /**
     * Atomically replaces the key's value with {@code value} (or removes the key when {@code value} is {@code null})
     * only if its current value equals {@code expected} byte for byte; returns whether it did.
     */
    boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis);

    /** Applies the mutations in order; atomically if the backend declares {@link Capability#ATOMIC_BATCH}. */
    void write(List<BackendMutation> mutations);

    /**
     * Applies the mutations in order only if every condition holds and the backend's clock
     * ({@link System#currentTimeMillis()}) reads before {@code deadlineMillis}, all in one atomic step: no write of
     * anyone else falls between the check and the mutations, and no reader sees part of them. Returns whether it
     * applied them; when it did not, it changed nothing. With no mutations it only checks, atomically, that every
     * condition holds at one moment. A condition may span keys of one store only (a distributed backend may rely on
     * that, as for {@link Capability#ATOMIC_BATCH}); so may the mutations.
     *
     * <p>Only for backends with {@link Capability#CONDITIONAL_WRITE}; others throw
     * {@link UnsupportedOperationException}, as this default does.
     *
     * @param conditions     what must hold, checked in one step with the write
     * @param mutations      what to write then, as {@link #write(List)} would
     * @param deadlineMillis epoch milliseconds from which the write must not apply (the first expiry among the entries
     *                       the conditions expect), or {@link Long#MAX_VALUE} for none
     * @since 1.3
     */
    default boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        throw new UnsupportedOperationException("conditional writes are not supported by " + getClass().getName());
    }

    /**
     * The most keys this instance holds, the kernel's own metadata keys included, or {@link Long#MAX_VALUE} if it has
     * no limit counted in keys. A write that would take it past the limit throws
     * {@link io.stowage.api.StorageFullException} and changes nothing. The kernel keeps to the limit where it holds
     * an instance's entries itself: in the copy that serves while a volatile extension's bundle restarts, and in the
     * entries it hands over to the next instance, which refuses to start on more than its own limit.
     *
     * @since 1.4
     */
    default long maxKeys() {
        return Long.MAX_VALUE;
    }

    /**
     * Up to {@code limit} changes of the store whose keys start with {@code storePrefix} (as
     * {@link StoreKeys#prefixLength} gives it), those at positions above {@code afterPosition}, oldest first; waits
     * up to {@code waitMillis} for one if there is none yet (0: answers at once). Every write of the store records one
     * change per key it changed, in the same atomic step as the write and in its order: a put, a delete that found
     * the key, a compare-and-set or put-if-absent that wrote, each mutation of a batch or conditional write. Writes
     * of the kernel's metadata (no store) record nothing.
     *
     * <p>A <em>position</em> is a {@code long}, increasing with every change of the store and never reused, also
     * across processes sharing the data and across restarts; the stream keeps the latest changes only (how many is the
     * backend's configuration). A backend whose stream has its own ids maps them to such positions (Redis: the
     * entry id {@code ms-seq} is {@code ms * 1_000_000 + seq}, on the scale of the kernel's nanosecond positions).
     *
     * <p>Only for backends with {@link Capability#CHANGE_STREAM}; others throw {@link UnsupportedOperationException},
     * as this default does.
     *
     * @since 1.8
     */
    default List<BackendChange> changesAfter(byte[] storePrefix, long afterPosition, int limit, long waitMillis) {
        throw new UnsupportedOperationException("change streams are not supported by " + getClass().getName());
    }

    /**
     * The latest {@code count} changes the store's stream holds (fewer if it holds fewer), oldest first: where a
     * reader that opens the stream starts. Only with {@link Capability#CHANGE_STREAM}, as {@link #changesAfter}.
     *
     * @since 1.8
     */
    default List<BackendChange> latestChanges(byte[] storePrefix, int count) {
        throw new UnsupportedOperationException("change streams are not supported by " + getClass().getName());
    }

    /**
     * The position of the newest change the store's stream no longer holds (trimmed, or the stream deleted), or
     * {@code -1} if it never dropped one or cannot tell: a reader resuming after that position misses nothing that
     * was recorded, and with {@code -1} a reader trusts only the changes it finds. Only with
     * {@link Capability#CHANGE_STREAM}, as {@link #changesAfter}.
     *
     * @since 1.8
     */
    default long lastDroppedChange(byte[] storePrefix) {
        throw new UnsupportedOperationException("change streams are not supported by " + getClass().getName());
    }

    /**
     * Up to {@code limit} entries with {@code fromInclusive <= key < toExclusive} in unsigned byte order. Only for
     * backends with {@link Capability#ORDERED_SCAN}; others throw {@link UnsupportedOperationException}.
     *
     * @param toExclusive {@code null} for no upper bound
     */
    List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit);
}
