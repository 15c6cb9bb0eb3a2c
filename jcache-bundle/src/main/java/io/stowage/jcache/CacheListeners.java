package io.stowage.jcache;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/**
 * A cache's entry listeners, told of each committed change by the cache itself, not through the store's change feed:
 * a synchronous listener must have run when the operation returns (JSR-107 section 8.3) and sees the old value, which
 * only the operation that replaced it knows, while a change feed is read after the commit and carries new values
 * only. Asynchronous listeners run on one thread of the cache's, so each sees its events in commit order.
 *
 * <p>Expiries are the exception: no operation causes them, so they come from the store's change feed, followed while
 * an expired-entry listener is registered ({@link ExpiryFollower}), and every listener hears of them on the
 * asynchronous thread, synchronous ones too, as there is no caller to run them for.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheListeners<K, V> {

    /** One registered listener, made once from its configuration's factories. */
    private record Registration<K, V>(CacheEntryListenerConfiguration<K, V> configuration,
            CacheEntryListener<? super K, ? super V> listener, CacheEntryEventFilter<? super K, ? super V> filter) {
    }

    private final Cache<K, V> source;
    private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final ExecutorService asynchronous;
    private final ExpiryFollower<K, V> expiries;

    /** {@code followers} makes the cache's expiry follower, given where it hands the expiries it finds. */
    CacheListeners(Cache<K, V> source,
            Function<Consumer<List<CacheEvent<K, V>>>, ExpiryFollower<K, V>> followers) {
        this.source = source;
        this.expiries = followers.apply(this::tellExpired);
        this.asynchronous = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "stowage-jcache-listeners-" + source.getName());
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
        Factory<CacheEntryEventFilter<? super K, ? super V>> filters = configuration.getCacheEntryEventFilterFactory();
        registrations.add(new Registration<>(configuration, configuration.getCacheEntryListenerFactory().create(),
                filters == null ? null : filters.create()));
        followExpiriesWhileListened();
    }

    synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        for (Registration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                registrations.remove(registration);
                close(registration.listener());
            }
        }
        followExpiriesWhileListened();
    }

    /** Follows the store's expiries exactly while some registered listener wants to hear of them. */
    private void followExpiriesWhileListened() {
        if (registrations.stream().anyMatch(CacheListeners::hearsExpiries)) {
            expiries.start();
        } else {
            expiries.stop();
        }
    }

    private static boolean hearsExpiries(Registration<?, ?> registration) {
        return registration.listener() instanceof CacheEntryExpiredListener<?, ?>;
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** Tells every listener the events it listens to: synchronous ones now, asynchronous ones on the cache's thread. */
    void tell(List<CacheEvent<K, V>> events) {
        if (events.isEmpty() || registrations.isEmpty()) {
            return;
        }
        CacheEntryListenerException failure = null;
        for (Registration<K, V> registration : registrations) {
            if (registration.configuration().isSynchronous()) {
                try {
                    deliver(registration, events);
                } catch (CacheEntryListenerException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    failure = new CacheEntryListenerException("a listener of cache " + source.getName()
                            + " failed: " + e, e);
                }
            } else {
                asynchronous.execute(() -> deliver(registration, events));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Tells the expired-entry listeners of expiries the store reported, all on the asynchronous thread. */
    private void tellExpired(List<CacheEvent<K, V>> events) {
        for (Registration<K, V> registration : registrations) {
            if (hearsExpiries(registration)) {
                asynchronous.execute(() -> deliver(registration, events));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Registration<K, V> registration, List<CacheEvent<K, V>> events) {
        List<CacheEntryEvent<? extends K, ? extends V>> created = new ArrayList<>();
        List<CacheEntryEvent<? extends K, ? extends V>> updated = new ArrayList<>();
        List<CacheEntryEvent<? extends K, ? extends V>> removed = new ArrayList<>();
        List<CacheEntryEvent<? extends K, ? extends V>> expired = new ArrayList<>();
        boolean oldValues = registration.configuration().isOldValueRequired();
        for (CacheEvent<K, V> event : events) {
            CacheEntryEvent<K, V> entryEvent = new StowageCacheEntryEvent<>(source, event, oldValues);
            if (registration.filter() != null && !registration.filter().evaluate(entryEvent)) {
                continue;
            }
            switch (event.type()) {
                case CREATED -> created.add(entryEvent);
                case UPDATED -> updated.add(entryEvent);
                case REMOVED -> removed.add(entryEvent);
                case EXPIRED -> expired.add(entryEvent);
                default -> throw new IllegalStateException("unknown event type " + event.type());
            }
        }
        CacheEntryListener<? super K, ? super V> listener = registration.listener();
        if (!created.isEmpty() && listener instanceof CacheEntryCreatedListener<?, ?> l) {
            ((CacheEntryCreatedListener<K, V>) l).onCreated(created);
        }
        if (!updated.isEmpty() && listener instanceof CacheEntryUpdatedListener<?, ?> l) {
            ((CacheEntryUpdatedListener<K, V>) l).onUpdated(updated);
        }
        if (!removed.isEmpty() && listener instanceof CacheEntryRemovedListener<?, ?> l) {
            ((CacheEntryRemovedListener<K, V>) l).onRemoved(removed);
        }
        if (!expired.isEmpty() && listener instanceof CacheEntryExpiredListener<?, ?> l) {
            ((CacheEntryExpiredListener<K, V>) l).onExpired(expired);
        }
    }

    /** Stops following expiries, ends the asynchronous thread and closes every listener that is closeable. */
    synchronized void close() {
        expiries.stop();
        asynchronous.shutdown();
        for (Registration<K, V> registration : registrations) {
            close(registration.listener());
        }
        registrations.clear();
    }

    private static void close(Object listener) {
        if (listener instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                System.getLogger(CacheListeners.class.getName()).log(System.Logger.Level.WARNING,
                        "closing listener " + listener + " failed", e);
            }
        }
    }
}
