package io.stowage.typed;

import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.stowage.typed.object.PendingRef;

/**
 * A reference from one stored object to another, held in a field of the referring object and stored as the target's
 * id (a JSON string), so that loading an object does not load what it refers to.
 *
 * <p>A reference read from the store loads its target on the first {@link #get()}, in the session that read it, and
 * only while that session runs: after the session has ended {@code get()} throws {@link IllegalStateException}. A
 * reference made by {@link #to(Object)} holds its target in memory; when an object holding it is committed, the
 * target is committed with it (with a new id, unless the session loaded it).
 *
 * <p>References read from the store are equal when they name the same stored object; a reference made by
 * {@code to} equals only those made by {@code to} for the same object in memory. Only an {@link ObjectSession} reads
 * and writes references: they mean nothing to another mapper.
 *
 * @param <T> the type of the target
 */
@ProviderType
public interface Ref<T> {

    /**
     * A reference to {@code target}: an object this session loaded, or a new one, stored when an object that refers
     * to it is committed.
     */
    static <T> Ref<T> to(T target) {
        return new PendingRef<>(Objects.requireNonNull(target, "target"));
    }

    /**
     * The target, loaded from the store on the first call in the session that read this reference.
     *
     * @throws IllegalStateException if that session has ended, or the store no longer holds the target
     */
    T get();

    /** The target's id (its key is {@code obj:<id>}), or empty for a new target not committed yet. */
    Optional<String> id();
}
