package io.stowage.spi;

import io.stowage.api.ChangeKind;

/**
 * One entry of a store's change stream, as a backend with {@link Capability#CHANGE_STREAM} keeps it: what one write
 * did to one key, at its position in the store's stream.
 *
 * @param position where the change lies in its store's stream: greater than every earlier change's of the store,
 *                 never reused (see {@link StorageBackend#changesAfter})
 * @param key      the full backend key, store prefix included
 * @param kind     {@link ChangeKind#PUT} or {@link ChangeKind#DELETE}; a stream holds no expiries
 * @param value    the stored bytes a put wrote, or {@code null} for a delete or when the stream keeps no values
 * @since 1.8
 */
public record BackendChange(long position, byte[] key, ChangeKind kind, byte[] value) {

    public BackendChange {
        if (kind != ChangeKind.PUT && kind != ChangeKind.DELETE) {
            throw new IllegalArgumentException("a stream change is a PUT or a DELETE, not " + kind);
        }
    }
}
