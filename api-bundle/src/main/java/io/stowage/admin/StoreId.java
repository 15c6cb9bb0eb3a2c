package io.stowage.admin;

import io.stowage.api.InvalidInputException;

/** A store of a namespace, written {@code namespace/store}. */
public record StoreId(String namespace, String store) implements Comparable<StoreId> {

    /**
     * Reads {@code namespace/store}; the store name is what follows the last slash.
     *
     * @throws InvalidInputException if the text does not name a store
     */
    public static StoreId parse(String label) {
        int slash = label.lastIndexOf('/');
        if (slash <= 0 || slash == label.length() - 1) {
            throw new InvalidInputException("'" + label + "' does not name a store: use namespace/store");
        }
        return new StoreId(label.substring(0, slash), label.substring(slash + 1));
    }

    /** {@code namespace/store}. */
    public String label() {
        return namespace + "/" + store;
    }

    @Override
    public int compareTo(StoreId other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : store.compareTo(other.store);
    }

    @Override
    public String toString() {
        return label();
    }
}
