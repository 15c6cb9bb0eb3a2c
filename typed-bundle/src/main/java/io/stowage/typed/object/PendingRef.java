package io.stowage.typed.object;

import java.util.Optional;

import io.stowage.typed.Ref;

/**
 * A reference made by {@link Ref#to(Object)}: it holds its target, which the session that commits it stores (under a
 * new id unless the session loaded it). The id is known here only once that commit has happened.
 */
public final class PendingRef<T> implements Ref<T> {

    private final T target;
    private volatile String id;

    public PendingRef(T target) {
        this.target = target;
    }

    @Override
    public T get() {
        return target;
    }

    @Override
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** Called once the commit that stored the target under {@code id} has happened. */
    void committedAs(String committedId) {
        this.id = committedId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PendingRef<?> ref && ref.target == target;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(target);
    }

    @Override
    public String toString() {
        return id == null ? "Ref(new " + target.getClass().getName() + ")" : "Ref(" + ObjectKeys.object(id) + ")";
    }
}
