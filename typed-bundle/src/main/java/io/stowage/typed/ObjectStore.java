package io.stowage.typed;

import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

import io.stowage.api.Store;

/**
 * A graph of records and plain objects kept in one store, worked on in {@link ObjectSession}s.
 *
 * <p>Each session runs inside one {@link Store#transact} transaction: what it loads is read in it, and every change it
 * commits is written in that transaction's one atomic commit. When another writer changed what the session read, the
 * transaction conflicts and <strong>the work runs again from the start</strong> with a new session, so the work must
 * have no effect outside the session (no I/O, no changes to shared objects), exactly as {@link Store#transact} asks.
 * An exception thrown by the work ends the session with nothing written and is rethrown.
 *
 * <p>The store holds objects under {@code obj:<id>} (ids are random UUIDs), roots under {@code root:<name>}, the
 * marker {@code meta:objects}, and, while a garbage collection runs, its state under {@code gc:}; see
 * {@link ObjectStores}. Objects are JSON through a Jackson mapper that belongs to this object store and goes away with
 * it, reading unknown properties as nothing and missing ones as defaults.
 */
@ProviderType
public interface ObjectStore {

    /** The store the objects live in. */
    Store store();

    /**
     * Runs {@code work} in a new session and commits what it changed.
     *
     * @throws io.stowage.api.TransactionConflictException when the store's attempts are used up
     */
    void inSession(Consumer<ObjectSession> work);

    /** Like {@link #inSession(Consumer)}, returning what the work returned (a detached object, if one). */
    <T> T fromSession(Function<ObjectSession, T> work);
}
