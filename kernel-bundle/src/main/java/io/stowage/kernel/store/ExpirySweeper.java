package io.stowage.kernel.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import io.stowage.api.ChangeKind;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.index.IndexLayout;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.Capability;
import io.stowage.spi.StoreKeys;

/**
 * Removes expired entries from backends that cannot expire them themselves, on one background thread. Each removal
 * is a compare-and-delete, so an entry rewritten since it was read is left alone. Each pass also drops the change
 * logs nobody has watched for their retention.
 */
public final class ExpirySweeper implements AutoCloseable {

    private static final int PAGE = 1000;

    private final Supplier<List<BoundBackend>> backends;
    private final Supplier<Collection<StoreRoute>> routes;
    private final LongSupplier changeLogRetentionMillis;
    private final LongSupplier clock;
    private final Logger logger;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> schedule;
    private volatile Thread thread;

    /**
     * {@code routes}: the stores opened, whose change logs hear of the entries it removes while watched, and are
     * dropped once unwatched for {@code changeLogRetentionMillis}.
     */
    public ExpirySweeper(Supplier<List<BoundBackend>> backends, Supplier<Collection<StoreRoute>> routes,
            LongSupplier changeLogRetentionMillis, LongSupplier clock, Logger logger) {
        this.backends = backends;
        this.routes = routes;
        this.changeLogRetentionMillis = changeLogRetentionMillis;
        this.clock = clock;
        this.logger = logger;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stowage-expiry-sweeper");
            thread.setDaemon(true);
            this.thread = thread;
            return thread;
        });
    }

    public synchronized void schedule(long intervalMillis) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = executor.scheduleWithFixedDelay(this::sweepLogged, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            long removed = sweep();
            if (removed > 0) {
                logger.debug("expiry sweep removed {} entries", removed);
            }
        } catch (RuntimeException e) {
            logger.warn("expiry sweep failed; it will run again at the next interval", e);
        }
    }

    /** One pass over every bound backend that needs it; returns how many entries it removed. */
    public long sweep() {
        long removed = 0;
        for (BoundBackend bound : new ArrayList<>(backends.get())) {
            if (bound.can(Capability.ORDERED_SCAN) && !bound.can(Capability.NATIVE_TTL)) {
                removed += sweep(bound);
            }
        }
        dropIdleChangeLogs();
        return removed;
    }

    private void dropIdleChangeLogs() {
        long now = clock.getAsLong();
        long retention = changeLogRetentionMillis.getAsLong();
        for (StoreRoute route : new ArrayList<>(routes.get())) {
            route.dropIdleLog(now, retention);
        }
    }

    private long sweep(BoundBackend bound) {
        long removed = 0;
        byte[] from = KeyCodec.FIRST_STORE_KEY;
        while (!Thread.currentThread().isInterrupted()) {
            // In flight page by page, like any store operation: an instance being ended is left alone
            if (!bound.enter()) {
                break;
            }
            List<BackendEntry> page;
            try {
                page = bound.backend().scan(from, null, PAGE);
                Map<ByteBuffer, StoreRoute> watched = watchedOn(bound);
                long now = clock.getAsLong();
                for (BackendEntry entry : page) {
                    if (ValueEnvelope.isExpired(entry.value(), now) && remove(bound, entry, watched)) {
                        removed++;
                    }
                }
            } finally {
                bound.exit();
            }
            if (page.size() < PAGE) {
                break;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
        return removed;
    }

    /**
     * A compare-and-delete of the expired entry; in a watched store under its change log's lock, so that the
     * expiry takes its place in commit order among the store's writes.
     */
    private static boolean remove(BoundBackend bound, BackendEntry entry, Map<ByteBuffer, StoreRoute> watched) {
        int prefixLength = StoreKeys.prefixLength(entry.key());
        StoreRoute route = watched.isEmpty() ? null
                : watched.get(ByteBuffer.wrap(entry.key(), 0, prefixLength).slice());
        ChangeLog log = route == null ? null : route.changeLog();
        if (log == null || isIndexEntry(entry.key(), prefixLength)) {
            return bound.backend().replace(entry.key(), entry.value(), null, 0);
        }
        log.lock();
        try {
            boolean removed = bound.backend().replace(entry.key(), entry.value(), null, 0);
            if (removed) {
                log.append(KeyCodec.decode(entry.key(), prefixLength), ChangeKind.EXPIRE, null);
            }
            return removed;
        } finally {
            log.unlock();
        }
    }

    /** Whether the key is an index entry: it expires with its value, whose own removal is the change readers see. */
    private static boolean isIndexEntry(byte[] key, int prefixLength) {
        return key.length > prefixLength && (key[prefixLength] & 0xFF) >= (IndexLayout.STORE_KEYS_END & 0xFF);
    }

    /** The watched stores whose keys live in this instance, by their prefix there. */
    private Map<ByteBuffer, StoreRoute> watchedOn(BoundBackend bound) {
        Map<ByteBuffer, StoreRoute> watched = new HashMap<>();
        for (StoreRoute route : routes.get()) {
            byte[] prefix = route.changeLog() == null ? null : route.knownPrefixOn(bound);
            if (prefix != null) {
                watched.put(ByteBuffer.wrap(prefix), route);
            }
        }
        return watched;
    }

    /** Stops the thread and waits for a running sweep to notice. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                logger.warn("expiry sweeper did not stop within 10 s");
            }
            // A terminated executor's thread may still be on its way out: wait, so that close leaves no thread
            Thread worker = thread;
            if (worker != null) {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isStopped() {
        return executor.isTerminated();
    }
}
