package io.stowage.eventadmin;

import java.time.Duration;
import java.util.List;

import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import io.stowage.admin.StoreId;
import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.StoreEvent;

/**
 * Follows one store's change feed on a thread of its own and posts each change to Event Admin as it comes, in
 * commit order (Event Admin delivers the asynchronous events of one thread in the order posted). A gap in the feed,
 * when Event Admin or its handlers fall behind the kernel's change log, is posted as a {@code GAP} event.
 */
final class StoreFollower {

    /** How long one poll waits: short, so that a stop is not held up by a quiet store. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int BATCH = 256;
    private static final long JOIN_MILLIS = 10_000;

    private final StoreId id;
    private final Store store;
    private final ChangeFeed feed;
    private final EventAdmin events;
    private final Logger logger;
    private final Thread thread;
    private volatile boolean stopping;

    private StoreFollower(StoreId id, Store store, ChangeFeed feed, EventAdmin events, Logger logger) {
        this.id = id;
        this.store = store;
        this.feed = feed;
        this.events = events;
        this.logger = logger;
        this.thread = new Thread(this::run, "stowage-eventadmin " + id.label());
        thread.setDaemon(true);
    }

    /** Opens the feed at once, so every change committed after this returns is posted, and starts the thread. */
    static StoreFollower start(StoreId id, Store store, boolean values, EventAdmin events, Logger logger) {
        ChangeFeed feed;
        try {
            feed = store.watch("*", ChangeFeed.NOW, values);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        StoreFollower follower = new StoreFollower(id, store, feed, events, logger);
        follower.thread.start();
        return follower;
    }

    private void run() {
        while (!stopping) {
            try {
                List<StoreEvent> changes = feed.poll(BATCH, POLL);
                for (StoreEvent change : changes) {
                    events.postEvent(StoreEvents.change(id.namespace(), change));
                }
            } catch (FeedOverflowException e) {
                logger.warn("Event Admin fell behind the changes of {}: posted a GAP event ({})", id.label(),
                        e.getMessage());
                events.postEvent(StoreEvents.gap(id.namespace(), e.gap()));
            } catch (InterruptedException | StoreClosedException e) {
                if (!stopping) {
                    logger.warn("stopped posting the changes of {}: {}", id.label(), e.toString());
                }
                return;
            } catch (RuntimeException e) {
                logger.error("stopped posting the changes of {}: {}", id.label(), e.toString(), e);
                return;
            }
        }
    }

    /** Stops the thread and closes the feed and the store handle; returns whether the thread ended in time. */
    boolean stop() {
        stopping = true;
        feed.close();
        store.close();
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
