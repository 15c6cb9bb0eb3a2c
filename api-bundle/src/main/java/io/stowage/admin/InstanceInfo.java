package io.stowage.admin;

import java.util.List;

/**
 * A backend instance: the one object an extension made for a configuration.
 *
 * @param extension the extension that made it
 * @param state {@link InstanceState#STARTING}, {@link InstanceState#SERVING} or {@link InstanceState#ENDING}
 * @param inFlight operations running on it now
 * @param openStores stores opened since the kernel started that are routed to its configuration, sorted
 */
public record InstanceInfo(String configuration, ExtensionInfo extension, InstanceState state, int inFlight,
        List<StoreId> openStores) {

    public InstanceInfo {
        openStores = List.copyOf(openStores);
    }
}
