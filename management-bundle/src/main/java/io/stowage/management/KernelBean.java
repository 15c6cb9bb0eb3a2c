package io.stowage.management;

import java.util.List;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Store;

/** The kernel's MXBean: reads the stores' counters and the configurations when asked, holds nothing. */
final class KernelBean implements StowageMXBean {

    private final StowageAdmin admin;

    KernelBean(StowageAdmin admin) {
        this.admin = admin;
    }

    @Override
    public List<StoreStatistics> getStores() {
        return admin.storeStatistics().stream().map(StoreStatistics::new).toList();
    }

    @Override
    public List<InstanceStatistics> getBackendInstances() {
        return admin.configurations().stream().map(InstanceStatistics::new).toList();
    }

    @Override
    public long countKeys(String store) {
        if (store.indexOf('/') < 0) {
            throw new IllegalArgumentException("'" + store + "' is not namespace/store");
        }
        try (Store handle = admin.openStore(StoreId.parse(store))) {
            return handle.count();
        }
    }
}
