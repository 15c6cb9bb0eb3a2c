package io.stowage.spi;

import java.util.Objects;

/** Where a value lives: its store's namespace and name, and its key, as the application names them. */
public record ValueIdentity(String namespace, String store, String key) {

    public ValueIdentity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return namespace + "/" + store + " key '" + key + "'";
    }
}
