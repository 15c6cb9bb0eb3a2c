package io.stowage.typed.object;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.stowage.api.Store;
import io.stowage.typed.ObjectSession;
import io.stowage.typed.ObjectStore;

/**
 * An object store: each session is one {@link Store#transact} attempt, its work and its commit together, so a
 * conflict re-runs the work from the start with a fresh session. The JSON mapping belongs to this instance.
 */
public final class StoreObjects implements ObjectStore {

    private final Store store;
    private final ObjectMapping mapping = new ObjectMapping();
    private final String label;

    public StoreObjects(Store store) {
        this.store = store;
        this.label = store.namespace() + "/" + store.name();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public void inSession(Consumer<ObjectSession> work) {
        Objects.requireNonNull(work, "work");
        fromSession(session -> {
            work.accept(session);
            return null;
        });
    }

    @Override
    public <T> T fromSession(Function<ObjectSession, T> work) {
        Objects.requireNonNull(work, "work");
        // Each attempt replaces what the one before left: only the committed attempt's ids are handed out
        @SuppressWarnings("unchecked")
        Map<PendingRef<?>, String>[] committed = new Map[1];
        T result = store.transact(transaction -> {
            TransactionSession session = new TransactionSession(transaction, mapping, label);
            try {
                T value = work.apply(session);
                committed[0] = new SessionCommit(session).write();
                return value;
            } finally {
                session.end();
            }
        });
        committed[0].forEach((ref, id) -> ref.committedAs(id));
        return result;
    }

    @Override
    public String toString() {
        return "ObjectStore(" + label + ")";
    }
}
