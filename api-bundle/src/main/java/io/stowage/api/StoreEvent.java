package io.stowage.api;

import java.util.Arrays;

/**
 * One committed change of a store, as its change feeds and listeners receive it. Positions grow with commit order
 * within a store; a position is worth keeping to resume a feed from ({@link Store#watch}).
 *
 * @param store    the store's name (within the receiver's own namespace)
 * @param key      the key changed
 * @param kind     what happened to it
 * @param position where the change is in the store's change log
 * @param value    the value written, for a {@link ChangeKind#PUT} to a feed or listener that asked for values; null
 *                 otherwise (a copy: the receiver may keep it)
 * @since 1.3
 */
public record StoreEvent(String store, String key, ChangeKind kind, long position, byte[] value) {

    public StoreEvent {
        value = value == null ? null : value.clone();
    }

    /** A copy of the value written, or null. */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreEvent event && store.equals(event.store) && key.equals(event.key)
                && kind == event.kind && position == event.position && Arrays.equals(value, event.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(position) * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return "StoreEvent[" + store + " " + kind + " '" + key + "' @" + position
                + (value == null ? "" : ", " + value.length + " bytes") + "]";
    }
}
