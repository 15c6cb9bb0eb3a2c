package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;

/**
 * What one attempt of a transaction read, as the backend held it: each key it looked up (its stored envelope, or
 * none) and each range it went through (every stored entry in it, expired ones too). At commit these become the
 * conditions of the backend's conditional write, so the attempt commits only if all of it is still as read.
 *
 * <p>Keys here are the caller's, as UTF-8 without the store's prefix: the prefix is the one of the instance that
 * serves the commit ({@link #conditions}), which is another one than the reads' after the store moved. Envelopes
 * are compared byte for byte, so an expired entry left in a backend reads as absent and stays so while unchanged.
 */
final class ReadSet {

    /** A range the attempt read: {@code to} null for the store's end; entries with keys without the prefix. */
    private record Range(byte[] from, byte[] to, List<BackendEntry> entries) {
    }

    private final Map<byte[], byte[]> points = new TreeMap<>(Arrays::compareUnsigned);
    /** Made on the first range read: most transactions have none. */
    private List<Range> ranges = List.of();
    /** The first expiry, on the kernel's clock, of an entry read while it was live. */
    private long firstExpiry = Long.MAX_VALUE;

    boolean hasRead(byte[] key) {
        return points.containsKey(key);
    }

    /** The envelope the key had when first read, or null if it had none. */
    byte[] envelope(byte[] key) {
        return points.get(key);
    }

    /** A lookup of one key: its envelope as stored, or null. */
    void point(byte[] key, byte[] envelope, long nowMillis) {
        points.putIfAbsent(key, envelope);
        noteExpiry(envelope, nowMillis);
    }

    /** A read of [from, to): every stored entry in it, keys without the prefix. */
    void range(byte[] from, byte[] to, List<BackendEntry> entries, long nowMillis) {
        if (ranges.isEmpty()) {
            ranges = new ArrayList<>();
        }
        ranges.add(new Range(from, to, entries));
        for (BackendEntry entry : entries) {
            noteExpiry(entry.value(), nowMillis);
        }
    }

    /** Whether an entry read while live expires: only then does a commit need a deadline. */
    boolean expires() {
        return firstExpiry != Long.MAX_VALUE;
    }

    boolean isEmpty() {
        return points.isEmpty() && ranges.isEmpty();
    }

    /** The conditions, with keys under the store's prefix in the instance the commit runs on. */
    List<BackendCondition> conditions(Keyspace keys) {
        byte[] prefix = keys.prefix();
        List<BackendCondition> conditions = new ArrayList<>(points.size() + ranges.size());
        points.forEach((key, envelope) -> conditions.add(BackendCondition.value(KeyCodec.concat(prefix, key), envelope)));
        for (Range range : ranges) {
            List<BackendEntry> entries = new ArrayList<>(range.entries().size());
            for (BackendEntry entry : range.entries()) {
                entries.add(new BackendEntry(KeyCodec.concat(prefix, entry.key()), entry.value()));
            }
            conditions.add(BackendCondition.range(KeyCodec.concat(prefix, range.from()),
                    range.to() == null ? keys.end() : KeyCodec.concat(prefix, range.to()), entries));
        }
        return conditions;
    }

    /**
     * The epoch millisecond, on the backends' clock ({@link System#currentTimeMillis()}), from which the commit must
     * not apply because an entry read as live has expired by then; {@link Long#MAX_VALUE} when none expires. The
     * kernel's clock may differ from the system's (a test's manual clock): the time left on the kernel's clock is
     * carried over to the system's.
     */
    long deadline(long kernelNowMillis, long systemNowMillis) {
        if (firstExpiry == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long left = firstExpiry - kernelNowMillis;
        return left <= 0 ? Long.MIN_VALUE : systemNowMillis + left;
    }

    private void noteExpiry(byte[] envelope, long nowMillis) {
        if (envelope != null && !ValueEnvelope.isExpired(envelope, nowMillis)) {
            long expiresAt = ValueEnvelope.expiresAt(envelope);
            if (expiresAt != ValueEnvelope.NO_EXPIRY) {
                firstExpiry = Math.min(firstExpiry, expiresAt);
            }
        }
    }
}
