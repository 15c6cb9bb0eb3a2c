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
     */
    public record Route(String namespace, String store, String configuration) {
    }
}
