package io.stowage.admin;

import java.util.List;

/**
 * Where stores go: the most specific route matching a store names its configuration, else the default does. A
 * migrated store goes where it was migrated until a route names it exactly.
 */
public record RouteTable(String defaultConfiguration, List<Route> routes) {

    public RouteTable {
        routes = List.copyOf(routes);
    }

    /**
     * One route.
     *
     * @param namespace a namespace, or {@code *}
     * @param store a store name, or {@code *}
     * @param transforms the value transforms new writes go through and from what size, e.g.
     *        {@code zstd(level=3), aes-gcm(key=main) (from 64 bytes)}, or empty for none (since 1.3)
     */
    public record Route(String namespace, String store, String configuration, String transforms) {

        public Route {
            transforms = transforms == null ? "" : transforms;
        }

        /** A route whose stores' values are stored as they are. */
        public Route(String namespace, String store, String configuration) {
            this(namespace, store, configuration, "");
        }
    }
}
