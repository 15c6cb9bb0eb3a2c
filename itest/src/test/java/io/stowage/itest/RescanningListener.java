package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.stowage.api.ChangeKind;
import io.stowage.api.Entry;
import io.stowage.api.FeedGap;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;

/**
 * A listener keeping a view of a store's keys and values as FeedGap tells a listener to: it applies each change, and
 * on a gap reads the whole store again and goes on applying the changes after it. Its first change blocks until
 * {@link #release()}, so that it falls behind the store's change log while writers go on.
 */
final class RescanningListener implements StoreListener {

    private final Store store;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch blocking = new CountDownLatch(1);
    private final Map<String, String> view = new ConcurrentHashMap<>();
    private final List<FeedGap> gaps = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    RescanningListener(Store store) {
        this.store = store;
    }

    /** Registers it from the probe's bundle for the stores the glob names, with values. */
    ServiceRegistration<StoreListener> register(BundleContext context, String stores) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(StoreListener.STORE, stores);
        properties.put(StoreListener.VALUES, true);
        return context.registerService(StoreListener.class, this, properties);
    }

    @Override
    public void changed(StoreEvent event) {
        if (blocking.getCount() > 0) {
            blocking.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) {
                    errors.add("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted while blocked");
            }
        }
        if (event.kind() == ChangeKind.PUT) {
            view.put(event.key(), new String(event.value(), UTF_8));
        } else {
            view.remove(event.key());
        }
    }

    @Override
    public void missed(FeedGap gap) {
        gaps.add(gap);
        view.clear();
        view.putAll(contents(store));
    }

    /** Every key of the store and its value, read page by page. */
    static Map<String, String> contents(Store store) {
        Map<String, String> contents = new TreeMap<>();
        String after = null;
        do {
            Page<Entry> page = store.scan(null, null, 500, after);
            page.items().forEach(entry -> contents.put(entry.key(), new String(entry.value(), UTF_8)));
            after = page.continuation();
        } while (after != null);
        return contents;
    }

    /** Waits until the listener is blocked in its first change. */
    void awaitBlocked() throws InterruptedException {
        if (!blocking.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the listener got no change in 10 s");
        }
    }

    void release() {
        released.countDown();
    }

    Map<String, String> view() {
        return new TreeMap<>(view);
    }

    List<FeedGap> gaps() {
        return List.copyOf(gaps);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
