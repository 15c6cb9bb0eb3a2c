package io.stowage.testkit.linearizability;

import java.util.Arrays;

import io.stowage.api.Store;

/**
 * Deliberately wrong: {@link #replace} reads, compares and then writes in two steps, so two concurrent replaces from
 * the same value can both succeed and a write between the read and the write is lost.
 */
final class TornReplaceStore extends ForwardingStore {

    TornReplaceStore(Store delegate) {
        super(delegate);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] value) {
        if (!Arrays.equals(delegate.get(key), expected)) {
            return false;
        }
        delegate.put(key, value);
        return true;
    }
}
