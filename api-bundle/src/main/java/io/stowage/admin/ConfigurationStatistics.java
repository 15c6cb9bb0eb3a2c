package io.stowage.admin;

import java.util.List;

/**
 * The traffic of the stores routed to a configuration, through every instance that served it.
 *
 * @param openStores stores opened since the kernel started that are routed to it now, sorted
 */
public record ConfigurationStatistics(String configuration, Traffic traffic, List<StoreId> openStores) {

    public ConfigurationStatistics {
        openStores = List.copyOf(openStores);
    }
}
