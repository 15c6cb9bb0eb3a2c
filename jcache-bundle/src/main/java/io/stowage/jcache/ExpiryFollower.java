package io.stowage.jcache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.cache.event.EventType;

import io.stowage.api.ChangeFeed;
import io.stowage.api.ChangeKind;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.StorageException;
import io.stowage.api.StoreClosedException;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;

/**
 * Follows a cache's store's change feed on one thread of its own, while started, and hands each {@code EXPIRE} change
 * of a key the cache wrote on as an {@link EventType#EXPIRED} event. The events carry no value: the kernel's sweep
 * removes the entry and logs only its key. A key stored as a hash ({@code h:}) cannot be turned back into its cache
 * key once its envelope is gone, and a key no cache wrote has none: both are skipped. Expiry events are best effort:
 * a gap in the feed (the follower fell further behind than the store's change log keeps) is logged and passed over.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ExpiryFollower<K, V> {

    private static final System.Logger LOG = System.getLogger(ExpiryFollower.class.getName());
    private static final int BATCH = 500;
    private static final Duration POLL_WAIT = Duration.ofSeconds(1);
    private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final String cacheName;
    private final Store store;
    private final KeyMapping keys;
    private final Consumer<List<CacheEvent<K, V>>> expired;
    /** The running thread, or null; guarded by {@code this}. */
    private Thread thread;

    ExpiryFollower(String cacheName, Store store, KeyMapping keys, Consumer<List<CacheEvent<K, V>>> expired) {
        this.cacheName = cacheName;
        this.store = store;
        this.keys = keys;
        this.expired = expired;
    }

    /** Starts following from now, if not following already. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false);
        thread = new Thread(() -> follow(feed), "stowage-jcache-expiries-" + cacheName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops following and waits for the thread to end, so that nothing is left running. */
    synchronized void stop() {
        if (thread == null) {
            return;
        }
        Thread stopping = thread;
        thread = null;
        stopping.interrupt();
        try {
            stopping.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "cache {0}: the expiry follower did not stop within {1} ms",
                    cacheName, STOP_WAIT_MILLIS);
        }
    }

    private void follow(ChangeFeed feed) {
        boolean gapReported = false;
        try (feed) {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    List<CacheEvent<K, V>> events = expiredEvents(feed.poll(BATCH, POLL_WAIT));
                    if (!events.isEmpty()) {
                        expired.accept(events);
                    }
                } catch (FeedOverflowException e) {
                    // Expiry events are best effort; the feed goes on after the gap by itself
                    LOG.log(gapReported ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                            "cache {0}: expired-entry listeners missed the expiries of changes {1} to {2}; "
                                    + "further gaps are logged at DEBUG",
                            cacheName, e.gap().missedFrom(), e.gap().resumeFrom());
                    gapReported = true;
                }
            }
        } catch (InterruptedException e) {
            // stop() asked: the feed is closed on the way out
        } catch (StoreClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "cache {0}: its store was closed, the expiry follower ends", cacheName);
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "cache " + cacheName
                    + ": its change feed ended, expired-entry listeners hear of no more expiries", e);
        }
    }

    private List<CacheEvent<K, V>> expiredEvents(List<StoreEvent> changes) {
        List<CacheEvent<K, V>> events = new ArrayList<>();
        for (StoreEvent change : changes) {
            if (change.kind() == ChangeKind.EXPIRE) {
                K key = cacheKey(change.key());
                if (key != null) {
                    events.add(new CacheEvent<>(EventType.EXPIRED, key, null, null));
                }
            }
        }
        return events;
    }

    /** The cache key of a store key, or null for a hashed key or one no cache wrote. */
    @SuppressWarnings("unchecked")
    private K cacheKey(String storeKey) {
        if (storeKey.startsWith(KeyMapping.HASHED)) {
            return null;
        }
        try {
            return (K) keys.unmap(storeKey, null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cache {0}: expired key ''{1}'' is not a cache key: {2}", cacheName,
                    storeKey, e);
            return null;
        }
    }
}
