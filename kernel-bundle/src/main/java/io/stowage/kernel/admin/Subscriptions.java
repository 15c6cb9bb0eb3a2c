package io.stowage.kernel.admin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stowage.admin.StowageListener;
import io.stowage.admin.Subscription;

/** One bundle's listeners, all closed when the bundle releases the operator API, so none outlives its bundle. */
final class Subscriptions {

    private final AdminListeners listeners;
    private final List<Subscription> open = new CopyOnWriteArrayList<>();

    Subscriptions(AdminListeners listeners) {
        this.listeners = listeners;
    }

    Subscription add(StowageListener listener) {
        Subscription added = listeners.add(listener);
        Subscription subscription = new Subscription() {
            @Override
            public void close() {
                added.close();
                open.remove(this);
            }
        };
        open.add(subscription);
        return subscription;
    }

    void closeAll() {
        open.forEach(Subscription::close);
    }
}
