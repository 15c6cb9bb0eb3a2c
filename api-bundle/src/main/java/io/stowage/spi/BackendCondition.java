package io.stowage.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What must hold in a backend for a {@linkplain StorageBackend#writeIf conditional write} to apply: the keys of
 * {@code [fromInclusive, toExclusive)} are exactly those of {@code entries}, in unsigned byte order, each with exactly
 * that value, byte for byte. A condition on one key ({@link #value}) is the range of that key alone: the key holds
 * exactly this value, or is absent when there is no entry.
 *
 * @param fromInclusive the range's first key
 * @param toExclusive   the key just past the range; never {@code null}
 * @param entries       the range's entries as they must be, in unsigned byte order of their keys
 * @since 1.3
 */
public record BackendCondition(byte[] fromInclusive, byte[] toExclusive, List<BackendEntry> entries) {

    public BackendCondition {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toExclusive, "toExclusive");
        entries = List.copyOf(entries);
    }

    /** The key has exactly {@code expected}, or is absent when {@code expected} is {@code null}. */
    public static BackendCondition value(byte[] key, byte[] expected) {
        return new BackendCondition(key, successor(key),
                expected == null ? List.of() : List.of(new BackendEntry(key, expected)));
    }

    /** The range {@code [fromInclusive, toExclusive)} holds exactly these entries. */
    public static BackendCondition range(byte[] fromInclusive, byte[] toExclusive, List<BackendEntry> entries) {
        return new BackendCondition(fromInclusive, toExclusive, entries);
    }

    /** Whether the condition is on one key only: its range holds no key but {@link #fromInclusive()}. */
    public boolean isSingleKey() {
        return toExclusive.length == fromInclusive.length + 1 && toExclusive[fromInclusive.length] == 0
                && Arrays.equals(fromInclusive, 0, fromInclusive.length, toExclusive, 0, fromInclusive.length);
    }

    /** For a condition on one key: the value it must have, or {@code null} if it must be absent. */
    public byte[] expected() {
        return entries.isEmpty() ? null : entries.get(0).value();
    }

    /** Whether the entries found in the range, in key order, are exactly the expected ones. */
    public boolean holds(List<BackendEntry> found) {
        if (found.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < found.size(); i++) {
            BackendEntry want = entries.get(i);
            BackendEntry have = found.get(i);
            if (!Arrays.equals(want.key(), have.key()) || !Arrays.equals(want.value(), have.value())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the key lies in {@code [fromInclusive, toExclusive)}. */
    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, fromInclusive) >= 0 && Arrays.compareUnsigned(key, toExclusive) < 0;
    }

    /** The smallest key after {@code key}: {@code key} followed by one zero byte. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
