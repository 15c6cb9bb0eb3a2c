package io.stowage.testkit.linearizability;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.Transaction;

/**
 * Deliberately wrong: {@link #transact} reads the store directly, keeps the writes, and applies them in one atomic
 * batch without checking that what it read is unchanged, so two concurrent transfers both read the same balances and
 * one's update is lost. Only the point operations the checks use are offered.
 */
final class UnvalidatedTransactionStore extends ForwardingStore {

    UnvalidatedTransactionStore(Store delegate) {
        super(delegate);
    }

    @Override
    public <T> T transact(Function<Transaction, T> work) {
        Buffered tx = new Buffered();
        T result = work.apply(tx);
        Batch.Builder batch = Batch.builder();
        tx.writes.forEach((key, value) -> value.ifPresentOrElse(v -> batch.put(key, v), () -> batch.delete(key)));
        if (!tx.writes.isEmpty()) {
            delegate.write(batch.build());
        }
        return result;
    }

    /** Reads through to the store (this transaction's writes first); writes wait for the batch. */
    private final class Buffered implements Transaction {

        final Map<String, Optional<byte[]>> writes = new LinkedHashMap<>();

        @Override
        public byte[] get(String key) {
            Optional<byte[]> written = writes.get(key);
            return written != null ? written.map(byte[]::clone).orElse(null) : delegate.get(key);
        }

        @Override
        public boolean exists(String key) {
            return get(key) != null;
        }

        @Override
        public Map<String, byte[]> getAll(Collection<String> keys) {
            Map<String, byte[]> found = new LinkedHashMap<>();
            for (String key : keys) {
                byte[] value = get(key);
                if (value != null) {
                    found.put(key, value);
                }
            }
            return found;
        }

        @Override
        public Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
            throw new UnsupportedOperationException("the linearizability checks scan nothing in a transaction");
        }

        @Override
        public Page<String> keys(String glob, int limit, String continueAfter) {
            throw new UnsupportedOperationException("the linearizability checks list nothing in a transaction");
        }

        @Override
        public void put(String key, byte[] value) {
            writes.put(key, Optional.of(value.clone()));
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            throw new UnsupportedOperationException("the linearizability checks set no TTL");
        }

        @Override
        public void delete(String key) {
            writes.put(key, Optional.empty());
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) {
            if (exists(key)) {
                return false;
            }
            put(key, value);
            return true;
        }
    }
}
