package io.stowage.kernel.instance;

import org.osgi.service.component.ComponentInstance;

import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.spi.StorageBackend;

/** A live instance and what it was made from. */
public record Instance(long id, BackendConfiguration configuration, Extension extension,
        ComponentInstance<StorageBackend> component, BoundBackend bound) {

    StorageBackend backend() {
        return bound.backend();
    }

    /** A volatile instance holding stores' data is still used by those stores, routed or not. */
    boolean holdsStoreData() {
        if (bound.isDurable()) {
            return false;
        }
        try {
            return !backend().scan(KeyCodec.FIRST_STORE_KEY, null, 1).isEmpty();
        } catch (RuntimeException e) {
            return true;
        }
    }
}
