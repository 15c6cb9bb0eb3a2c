package io.stowage.kernel.routing;

import io.stowage.kernel.store.Names;
import io.stowage.kernel.transform.TransformChain;

/**
 * Sends the stores it matches to a backend configuration, through a transform chain or none ({@code transforms}
 * null). {@code *} as namespace or store matches any; the most specific matching rule wins (exact store over any
 * store, then exact namespace over any namespace), for the backend and the chain alike.
 */
public record RouteRule(String namespace, String store, String backend, TransformChain transforms) {

    static final String ANY = "*";

    public RouteRule {
        if (!ANY.equals(namespace)) {
            Names.requireNamespace(namespace);
        }
        if (!ANY.equals(store)) {
            Names.requireStoreName(store);
        }
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("route " + namespace + "/" + store + " names no backend configuration");
        }
    }

    /** A rule without transforms: values are stored as they are. */
    public RouteRule(String namespace, String store, String backend) {
        this(namespace, store, backend, null);
    }

    public boolean matches(String namespace, String store) {
        return (ANY.equals(this.namespace) || this.namespace.equals(namespace))
                && (ANY.equals(this.store) || this.store.equals(store));
    }

    /** Whether this rule names exactly the store labelled {@code namespace/store}, with no {@code *}. */
    public boolean namesExactly(String label) {
        return label.equals(namespace + "/" + store);
    }

    public int specificity() {
        return (ANY.equals(store) ? 0 : 2) + (ANY.equals(namespace) ? 0 : 1);
    }
}
