package io.stowage.kernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.log.Logger;

import io.stowage.api.InvalidPatternException;
import io.stowage.api.StoreListener;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.ListenerCursor;
import io.stowage.kernel.store.Glob;
import io.stowage.kernel.store.StoreRoute;

/**
 * The whiteboard's store listeners: each is confined to its bundle's namespace and gets a cursor on the change log
 * of every store there its {@code stowage.store} glob matches, those known now and those created later. Listeners
 * run on the kernel's listener threads, one drain per cursor at a time; a new thread serves a cursor when the
 * others are busy, so a slow listener holds up only itself.
 */
public final class StoreListeners implements AutoCloseable {

    /** One registered listener and the cursors it has, by store. */
    private record Registration(String namespace, Glob stores, Glob keys, boolean values,
            Map<StoreRoute, ListenerCursor> cursors) {
    }

    private final Kernel kernel;
    private final Logger logger;
    private final ExecutorService executor;
    private final Map<StoreListener, Registration> registrations = new IdentityHashMap<>();

    StoreListeners(Kernel kernel, Logger logger) {
        this.kernel = kernel;
        this.logger = logger;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "stowage-store-listener-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Adds a listener of the namespace with its service properties: {@value StoreListener#STORE} and
     * {@value StoreListener#KEYS} globs (default every store, every key), {@value StoreListener#VALUES}.
     *
     * @throws InvalidPatternException if a glob is malformed: the listener gets nothing
     */
    public void add(String namespace, StoreListener listener, Map<String, ?> properties) {
        Registration registration = new Registration(namespace, glob(properties, StoreListener.STORE),
                glob(properties, StoreListener.KEYS), isTrue(properties.get(StoreListener.VALUES)),
                new IdentityHashMap<>());
        synchronized (this) {
            if (executor.isShutdown() || registrations.putIfAbsent(listener, registration) != null) {
                return;
            }
        }
        for (StoreRoute route : new ArrayList<>(kernel.openedRoutes())) {
            attach(listener, registration, route);
        }
    }

    /** Removes a listener: its cursors stop, and stores nothing else watches drop their logs. */
    public void remove(StoreListener listener) {
        Registration registration;
        synchronized (this) {
            registration = registrations.remove(listener);
        }
        if (registration != null) {
            detachAll(registration);
        }
    }

    /** A store created now: every listener of its namespace whose glob matches it starts following it. */
    void storeKnown(StoreRoute route) {
        List<Map.Entry<StoreListener, Registration>> matching = new ArrayList<>();
        synchronized (this) {
            registrations.entrySet().forEach(matching::add);
        }
        for (Map.Entry<StoreListener, Registration> entry : matching) {
            attach(entry.getKey(), entry.getValue(), route);
        }
    }

    /** How many listeners are registered. */
    public synchronized int count() {
        return registrations.size();
    }

    private void attach(StoreListener listener, Registration registration, StoreRoute route) {
        if (!route.namespace.equals(registration.namespace()) || !registration.stores().matches(route.name)) {
            return;
        }
        synchronized (registration) {
            if (registration.cursors().containsKey(route)) {
                return;
            }
            ChangeLog log = route.watch(kernel.settings().changeLogSize(), kernel.operationTimeoutMillis(), kernel);
            registration.cursors().put(route, new ListenerCursor(log, listener, registration.keys()::matches,
                    registration.values(), executor, logger));
            log.endRetention();
        }
        synchronized (this) {
            // Removed while it was being attached: undo
            if (registrations.get(listener) != registration) {
                detachAll(registration);
            }
        }
    }

    private void detachAll(Registration registration) {
        synchronized (registration) {
            registration.cursors().forEach((route, cursor) -> {
                cursor.close();
                route.unwatch(cursor.log(), kernel.nowMillis(), kernel.settings().changeLogRetentionMillis());
            });
            registration.cursors().clear();
        }
    }

    private static Glob glob(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        String glob = value == null ? "*" : String.valueOf(value);
        try {
            return Glob.parse(glob);
        } catch (InvalidPatternException e) {
            throw new InvalidPatternException("store listener property " + name + ": " + e.getMessage());
        }
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean flag ? flag : value != null && Boolean.parseBoolean(value.toString());
    }

    /** Stops every cursor and the listener threads, waiting briefly for a delivery in progress. */
    @Override
    public void close() {
        List<Registration> all;
        synchronized (this) {
            executor.shutdown();
            all = new ArrayList<>(registrations.values());
            registrations.clear();
        }
        all.forEach(this::detachAll);
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                logger.warn("store listeners still delivering after 5 s were interrupted");
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
