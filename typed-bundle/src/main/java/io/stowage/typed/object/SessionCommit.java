package io.stowage.typed.object;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stowage.api.Transaction;
import io.stowage.typed.Ref;

/**
 * What a session writes when its work returns, inside the same transaction: each loaded object whose JSON changed,
 * the roots set or removed, and every new object reachable from those through references made by
 * {@link Ref#to(Object)}, under a new id. While a garbage collection runs, every object a written reference or root
 * names is also marked grey for it (a write barrier), so the collection keeps what the session linked.
 */
final class SessionCommit implements RefEncoder {

    private final TransactionSession session;
    private final Transaction transaction;
    private final ObjectMapping mapping;
    private final Map<Object, String> newIds = new IdentityHashMap<>();
    private final Deque<Object> unwritten = new ArrayDeque<>();
    private final Map<PendingRef<?>, String> pending = new IdentityHashMap<>();
    private final Set<String> referenced = new LinkedHashSet<>();
    private Set<String> objectRefs;
    private int written;

    SessionCommit(TransactionSession session) {
        this.session = session;
        this.transaction = session.transaction();
        this.mapping = session.mapping();
    }

    /** Writes what changed; returns the references made by {@code Ref.to} and the ids their targets got. */
    Map<PendingRef<?>, String> write() {
        for (Map.Entry<String, TransactionSession.Loaded> entry : List.copyOf(session.loaded().entrySet())) {
            Object object = entry.getValue().object();
            byte[] json = encode(object);
            if (!Arrays.equals(json, entry.getValue().asLoaded())) {
                store(entry.getKey(), object, json);
            }
        }
        for (Map.Entry<String, Object> root : session.roots().entrySet()) {
            String key = ObjectKeys.root(root.getKey());
            if (TransactionSession.isRemoved(root.getValue())) {
                transaction.delete(key);
                written++;
            } else {
                String id = idOfObject(root.getValue());
                referenced.add(id);
                transaction.put(key, StoreFormat.rootValue(id));
                written++;
            }
        }
        while (!unwritten.isEmpty()) {
            Object object = unwritten.poll();
            store(newIds.get(object), object, encode(object));
        }
        if (written > 0) {
            shadeForCollection();
            if (!transaction.exists(ObjectKeys.MARKER)) {
                transaction.put(ObjectKeys.MARKER, StoreFormat.MARKER_VALUE);
            }
        }
        return pending;
    }

    @Override
    public String idOf(Ref<?> ref) {
        String id;
        if (ref instanceof LoadedRef<?> loaded) {
            if (!loaded.readBy(session)) {
                throw new IllegalStateException("cannot store " + ref + ": it was read by a session that has "
                        + "ended; load the object again in this session (a collection must see each stored "
                        + "reference come from what the session read)");
            }
            id = loaded.storedId();
        } else if (ref instanceof PendingRef<?> made) {
            if (made.id().isPresent() && session.idOf(made.get()) == null) {
                throw new IllegalStateException("cannot store " + ref + ": an earlier session committed it; load "
                        + "its target in this session and refer to that (else it would be stored again as a copy)");
            }
            id = idOfObject(made.get());
            pending.put(made, id);
        } else {
            throw new IllegalArgumentException("cannot store a " + ref.getClass().getName()
                    + ": only references from Ref.to and from the store are stored");
        }
        objectRefs.add(id);
        return id;
    }

    private byte[] encode(Object object) {
        objectRefs = new LinkedHashSet<>();
        return mapping.encode(object, this);
    }

    private void store(String id, Object object, byte[] json) {
        List<String> refs = new ArrayList<>(objectRefs);
        referenced.addAll(refs);
        transaction.put(ObjectKeys.object(id),
                StoredObject.write(mapping.mapper(), object.getClass().getName(), refs, json));
        written++;
    }

    /** The object's id: the one it was loaded with, or a new one, queuing the object to be written. */
    private String idOfObject(Object object) {
        String id = session.idOf(object);
        if (id == null) {
            id = newIds.get(object);
        }
        if (id == null) {
            id = ObjectKeys.newId();
            newIds.put(object, id);
            unwritten.add(object);
        }
        return id;
    }

    /** The write barrier: reading {@code gc:state} makes a collection that starts meanwhile a conflict. */
    private void shadeForCollection() {
        byte[] state = transaction.get(ObjectKeys.GC_STATE);
        if (state == null) {
            return;
        }
        String run = StoreFormat.gcRun(state);
        for (String id : referenced) {
            transaction.put(ObjectKeys.grey(run, id), StoreFormat.EMPTY);
        }
    }
}
