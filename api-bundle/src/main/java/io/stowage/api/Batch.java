package io.stowage.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of puts and deletes that {@link Store#write(Batch)} applies atomically. When a batch names a key
 * more than once, the last mutation of that key wins.
 */
public final class Batch {

    /** One put or delete of a batch. {@code value} is {@code null} for a delete; {@code ttl} for a put with TTL. */
    public record Mutation(String key, byte[] value, Duration ttl) {

        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Mutation> mutations;

    private Batch(List<Mutation> mutations) {
        this.mutations = List.copyOf(mutations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Mutation> mutations() {
        return mutations;
    }

    public int size() {
        return mutations.size();
    }

    /** Collects mutations; values are copied as they are added. */
    public static final class Builder {
        private final List<Mutation> mutations = new ArrayList<>();

        private Builder() {
        }

        public Builder put(String key, byte[] value) {
            mutations.add(new Mutation(key, Objects.requireNonNull(value, "value").clone(), null));
            return this;
        }

        public Builder put(String key, byte[] value, Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            mutations.add(new Mutation(key, Objects.requireNonNull(value, "value").clone(), ttl));
            return this;
        }

        public Builder delete(String key) {
            mutations.add(new Mutation(key, null, null));
            return this;
        }

        public Batch build() {
            return new Batch(mutations);
        }
    }
}
