package io.stowage.typed.object;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.stowage.api.Transaction;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.ObjectSession;
import io.stowage.typed.Ref;

/**
 * A session of one transaction attempt: it loads objects through the transaction, knows each by id and by identity,
 * and keeps the JSON each had when loaded, which {@link SessionCommit} compares to find what changed. A conflict
 * discards the attempt and this session with it; the work runs again with a new one.
 */
final class TransactionSession implements ObjectSession {

    /** The value of a root that the work removed. */
    private static final Object REMOVED = new Object();

    private final Transaction transaction;
    private final ObjectMapping mapping;
    private final String store;
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private final Map<Object, String> ids = new IdentityHashMap<>();
    private final Map<String, Object> roots = new LinkedHashMap<>();
    private boolean open = true;

    /** A loaded object, or the replacement the work gave it, and its JSON as loaded. */
    static final class Loaded {
        private Object object;
        private final byte[] asLoaded;

        Loaded(Object object, byte[] asLoaded) {
            this.object = object;
            this.asLoaded = asLoaded;
        }

        Object object() {
            return object;
        }

        byte[] asLoaded() {
            return asLoaded;
        }
    }

    TransactionSession(Transaction transaction, ObjectMapping mapping, String store) {
        this.transaction = transaction;
        this.mapping = mapping;
        this.store = store;
    }

    @Override
    public <T> T root(String name, Class<T> type) {
        String key = ObjectKeys.root(name);
        Objects.requireNonNull(type, "type");
        requireOpen();
        if (roots.containsKey(name)) {
            Object set = roots.get(name);
            return set == REMOVED ? null : cast(set, type, "root '" + name + "'");
        }
        byte[] value = transaction.get(key);
        return value == null ? null : load(StoreFormat.rootId(value, where(key)), type);
    }

    @Override
    public void setRoot(String name, Object object) {
        ObjectKeys.root(name);
        requireOpen();
        roots.put(name, Objects.requireNonNull(object, "object"));
    }

    @Override
    public boolean removeRoot(String name) {
        String key = ObjectKeys.root(name);
        requireOpen();
        boolean existed = roots.containsKey(name) ? roots.get(name) != REMOVED : transaction.exists(key);
        roots.put(name, REMOVED);
        return existed;
    }

    @Override
    public <T> void replace(T current, T replacement) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(replacement, "replacement");
        requireOpen();
        String id = ids.get(current);
        if (id == null) {
            throw new IllegalArgumentException("cannot replace a " + current.getClass().getName()
                    + " this session did not load (a new object needs no replace: refer to the new one)");
        }
        if (replacement.getClass() != current.getClass()) {
            throw new IllegalArgumentException("cannot replace " + ObjectKeys.object(id) + ", a "
                    + current.getClass().getName() + ", with a " + replacement.getClass().getName());
        }
        loaded.get(id).object = replacement;
        ids.remove(current);
        ids.put(replacement, id);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Ref<T> refTo(T object) {
        Objects.requireNonNull(object, "object");
        String id = ids.get(object);
        return id == null ? Ref.to(object) : new LoadedRef<>(id, (Class<T>) object.getClass(), this);
    }

    /** The object stored under the id, loaded once per session. */
    <T> T load(String id, Class<T> type) {
        requireOpen();
        Loaded known = loaded.get(id);
        if (known != null) {
            return cast(known.object, type, ObjectKeys.object(id));
        }
        String key = ObjectKeys.object(id);
        byte[] stored = transaction.get(key);
        if (stored == null) {
            throw new IllegalStateException(where(key) + ": no such object; the reference outlived its target");
        }
        StoredObject object = StoredObject.read(mapping.mapper(), stored, where(key));
        T value = mapping.decode(object.value(), ObjectMapping.storedClass(object.type(), type, where(key)), this,
                where(key));
        // The JSON as this code writes the object, not as stored: a field added since reads as a change only if set
        loaded.put(id, new Loaded(value, mapping.encode(value, LoadedRef::storedIdOf)));
        ids.put(value, id);
        return value;
    }

    /** The id of an object this session loaded, or null. */
    String idOf(Object object) {
        return ids.get(object);
    }

    Map<String, Loaded> loaded() {
        return loaded;
    }

    /** The roots the work set (to an object) or removed (to {@link #isRemoved}). */
    Map<String, Object> roots() {
        return roots;
    }

    static boolean isRemoved(Object root) {
        return root == REMOVED;
    }

    Transaction transaction() {
        return transaction;
    }

    ObjectMapping mapping() {
        return mapping;
    }

    String where(String key) {
        return "store " + store + ", key '" + key + "'";
    }

    /** Ends the session: its references no longer load. */
    void end() {
        open = false;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("the object session of store " + store
                    + " has ended: references load only in the session that read them; open a new session");
        }
    }

    private static <T> T cast(Object object, Class<T> type, String what) {
        if (!type.isInstance(object)) {
            throw new CodecMismatchException(what + " is a " + object.getClass().getName() + ", not a "
                    + type.getName());
        }
        return type.cast(object);
    }
}
