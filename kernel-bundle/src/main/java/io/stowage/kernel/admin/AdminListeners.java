package io.stowage.kernel.admin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageListener;
import io.stowage.admin.Subscription;

/** The operator tools listening to the kernel; a listener that throws is logged and keeps listening. */
final class AdminListeners {

    private final List<StowageListener> listeners = new CopyOnWriteArrayList<>();
    private final Logger logger;

    AdminListeners(Logger logger) {
        this.logger = logger;
    }

    Subscription add(StowageListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void storeKnown(StoreId store) {
        for (StowageListener listener : listeners) {
            try {
                listener.storeKnown(store);
            } catch (RuntimeException e) {
                logger.warn("an operator tool failed to take note of store {}: {}", store, e.toString());
            }
        }
    }

    void configurationsChanged() {
        for (StowageListener listener : listeners) {
            try {
                listener.configurationsChanged();
            } catch (RuntimeException e) {
                logger.warn("an operator tool failed to take note of changed configurations: {}", e.toString());
            }
        }
    }
}
