package io.stowage.typed.object;

import java.util.Objects;
import java.util.Optional;

import io.stowage.typed.Ref;

/**
 * A reference read from the store: an id, the type its field declares, and the session that read it, which loads the
 * target on {@link #get()} and refuses once it has ended.
 */
final class LoadedRef<T> implements Ref<T> {

    private final String id;
    private final Class<T> type;
    private final TransactionSession session;

    LoadedRef(String id, Class<T> type, TransactionSession session) {
        this.id = id;
        this.type = type;
        this.session = session;
    }

    @Override
    public T get() {
        return session.load(id, type);
    }

    @Override
    public Optional<String> id() {
        return Optional.of(id);
    }

    String storedId() {
        return id;
    }

    /**
     * The id a reference has without a commit to give one: what a session's record of an object as loaded writes.
     * A new reference there (made by the class's own constructor) writes what no stored id equals.
     */
    static String storedIdOf(Ref<?> ref) {
        return ref instanceof LoadedRef<?> loaded ? loaded.id : "new " + System.identityHashCode(ref.get());
    }

    /** Whether {@code other} is the session that read this reference. */
    boolean readBy(TransactionSession other) {
        return session == other;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoadedRef<?> ref && ref.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "Ref(" + ObjectKeys.object(id) + ")";
    }
}
