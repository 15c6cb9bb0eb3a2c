package io.stowage.itest;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.stowage.api.FeedGap;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;

/** A whiteboard listener that keeps every event and gap it is given, and a {@link ChangeHistory} of them. */
final class RecordingListener implements StoreListener {

    private final List<StoreEvent> events = new CopyOnWriteArrayList<>();
    private final ChangeHistory history = new ChangeHistory();

    /** Registers it from the bundle of {@code context}, whose namespace it then hears. */
    ServiceRegistration<StoreListener> register(BundleContext context, String stores, String keys, boolean values) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(StoreListener.STORE, stores);
        properties.put(StoreListener.KEYS, keys);
        properties.put(StoreListener.VALUES, values);
        return context.registerService(StoreListener.class, this, properties);
    }

    @Override
    public void changed(StoreEvent event) {
        events.add(event);
        history.received(event);
    }

    @Override
    public void missed(FeedGap gap) {
        history.missed(gap);
    }

    List<StoreEvent> events() {
        return List.copyOf(events);
    }

    boolean heard(String store, String key) {
        return events.stream().anyMatch(event -> event.store().equals(store) && event.key().equals(key));
    }

    ChangeHistory history() {
        return history;
    }
}
