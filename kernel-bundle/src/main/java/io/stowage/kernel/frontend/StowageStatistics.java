package io.stowage.kernel.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.Names;
import io.stowage.kernel.store.StoreRoute;

/** The kernel's MXBean: reads the kernel's counters and the backend instances when asked, holds nothing. */
public final class StowageStatistics implements StowageMXBean {

    private final Kernel kernel;
    private final Supplier<List<InstanceStatistics>> instances;

    public StowageStatistics(Kernel kernel, Supplier<List<InstanceStatistics>> instances) {
        this.kernel = kernel;
        this.instances = instances;
    }

    @Override
    public List<StoreStatistics> getStores() {
        List<StoreStatistics> stores = new ArrayList<>();
        for (StoreRoute route : kernel.knownRoutes()) {
            stores.add(new StoreStatistics(route.label, route.slot().configuration(), route.metrics.snapshot()));
        }
        return stores;
    }

    @Override
    public List<InstanceStatistics> getBackendInstances() {
        return instances.get();
    }

    @Override
    public long countKeys(String store) {
        int slash = store.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + store + "' is not namespace/store");
        }
        try (KernelStore handle = kernel.open(Names.requireNamespace(store.substring(0, slash)),
                Names.requireStoreName(store.substring(slash + 1)), null)) {
            return handle.count();
        }
    }
}
