package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.List;

import io.stowage.api.ChangeKind;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.StreamFollower;
import io.stowage.kernel.index.IndexLayout;
import io.stowage.spi.BackendChange;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * Feeds a watched store's change log from the change stream of the instance serving it, when that instance keeps one
 * ({@link Capability#CHANGE_STREAM}) and no migration copies the store: a {@link StreamFollower} per log, reading
 * through one instance, which this class starts when the log opens and again whenever a write of this runtime finds
 * the store on a streamed instance the log does not follow. The stream's changes are decoded as the kernel's reads
 * decode values.
 */
final class StoreStreams implements StreamFollower.Source {

    private final StoreRoute route;
    private final ChangeLog log;
    private final Kernel kernel;
    private final BoundBackend bound;
    private final byte[] prefix;
    private final StoreValues values;

    private StoreStreams(StoreRoute route, ChangeLog log, Kernel kernel, BoundBackend bound, byte[] prefix) {
        this.route = route;
        this.log = log;
        this.kernel = kernel;
        this.bound = bound;
        this.prefix = prefix;
        this.values = new StoreValues(route, kernel);
    }

    /**
     * A new log for the store: one that awaits a follower if the store's instance keeps a stream, else one the
     * kernel's writes feed from {@code nextPosition}. {@code positionsGiven}: earlier logs of the store gave positions
     * up to {@code nextPosition}, which the stream's must not be mistaken for.
     */
    static ChangeLog newLog(StoreRoute route, int capacity, long nextPosition, boolean positionsGiven) {
        return new ChangeLog(route.name, nextPosition, capacity,
                streamed(route, route.slot().current()) ? (positionsGiven ? nextPosition : 0) : -1);
    }

    /**
     * Once the log is published and the writes that began without it are done: loads the stream's latest changes
     * into the log and starts following it; falls back to the kernel's writes if the stream cannot be read.
     */
    static void opened(StoreRoute route, ChangeLog log, Kernel kernel) {
        if (!log.awaitsFollower()) {
            return;
        }
        log.lock();
        try {
            BoundBackend bound = route.slot().current();
            if (!streamed(route, bound) || !bound.enter()) {
                log.awaitedInVain();
                return;
            }
            try {
                byte[] prefix = route.keyspaceOn(bound).prefix();
                StorageBackend backend = bound.backend();
                List<BackendChange> latest = backend.latestChanges(prefix, log.capacity() + 1);
                long dropped = backend.lastDroppedChange(prefix);
                // One more than the ring keeps tells where it starts without a gap; else the stream's own account
                long floor = latest.size() > log.capacity() || dropped < 0
                        ? (latest.isEmpty() ? 0 : latest.get(0).position()) : dropped + 1;
                long after = latest.isEmpty() ? Math.max(-1, dropped) : latest.get(latest.size() - 1).position();
                StoreStreams source = new StoreStreams(route, log, kernel, bound, prefix);
                StreamFollower follower = new StreamFollower(log, source, bound.serial(), after,
                        kernel.logger());
                // With values: the feeds that open the log join it only once it is loaded
                log.follow(follower, floor, source.decoded(latest, true));
                follower.start();
            } finally {
                bound.exit();
            }
        } catch (RuntimeException e) {
            kernel.logger().warn("store {}: its change stream cannot be read, so its feeds see this runtime's writes "
                    + "only until it is watched anew: {}", route.label, e.toString());
            log.awaitedInVain();
        } finally {
            log.unlock();
        }
    }

    /**
     * Under the log's lock, after a write of this runtime: if the write went to a streamed instance the log does not
     * follow, the log follows that instance from here (after a break); returns whether the stream holds the write's
     * changes, so that the write must not record them itself. A log not fed by a stream any longer (the store moved
     * to an instance without one, or is migrating) gets a break, and the write records its changes.
     */
    static boolean tookWrite(StoreRoute route, ChangeLog log, Kernel kernel, BoundBackend served, boolean migrating) {
        StreamFollower follower = log.follower();
        if (!migrating && served != null && served.can(Capability.CHANGE_STREAM)) {
            if (follower != null && follower.follows(served.serial())) {
                follower.wake();
                return true;
            }
            if (log.awaitsFollower()) {
                // The log's first follower loads the stream after this write: it is there
                return true;
            }
            if (follower != null) {
                log.unfollow(follower);
            }
            return followAnew(route, log, kernel, served);
        }
        if (follower != null) {
            log.unfollow(follower);
        } else if (log.awaitsFollower()) {
            log.awaitedInVain();
        }
        return false;
    }

    /**
     * Under the log's lock: follows {@code bound}'s stream after a break, from its latest change on; false if the
     * stream cannot be read now (the write that asked then records its changes itself). What the stream held before
     * (a migration's copies, the write that found the new instance) lies before the break: a reader gets the gap
     * there only once those writes are done, so the store it reads again holds them.
     */
    private static boolean followAnew(StoreRoute route, ChangeLog log, Kernel kernel, BoundBackend bound) {
        if (!bound.enter()) {
            return false;
        }
        try {
            byte[] prefix = route.keyspaceOn(bound).prefix();
            List<BackendChange> latest = bound.backend().latestChanges(prefix, 1);
            long after = Math.max(log.nextPosition(), latest.isEmpty() ? -1 : latest.get(0).position());
            StoreStreams source = new StoreStreams(route, log, kernel, bound, prefix);
            StreamFollower follower = new StreamFollower(log, source, bound.serial(), after, kernel.logger());
            log.follow(follower, 0, List.of());
            follower.start();
            return true;
        } catch (RuntimeException e) {
            kernel.logger().warn("store {}: its change stream cannot be read now, so its feeds see this runtime's "
                    + "writes only, until a write finds the stream readable: {}", route.label, e.toString());
            return false;
        } finally {
            bound.exit();
        }
    }

    private static boolean streamed(StoreRoute route, BoundBackend bound) {
        return bound != null && bound.can(Capability.CHANGE_STREAM) && route.migration() == null;
    }

    @Override
    public List<ChangeLog.Followed> read(long position, int limit, boolean withValues) {
        BoundBackend current = route.slot().current();
        if (current == null && route.migration() == null) {
            // Between two instances (an update): wait for the next rather than leave the stream
            return List.of();
        }
        if (current != bound || route.migration() != null || !bound.enter()) {
            return null;
        }
        List<BackendChange> changes;
        try {
            changes = bound.backend().changesAfter(prefix, position, limit, 0);
        } finally {
            bound.exit();
        }
        // Checked again after the read: a migration's removal of the source's copy comes after the migration began,
        // so changes read then are not the store's
        if (route.slot().current() != bound || route.migration() != null) {
            return null;
        }
        return decoded(changes, withValues);
    }

    @Override
    public void ended(StreamFollower follower) {
        log.lock();
        try {
            if (log.follower() != follower) {
                return;
            }
            log.unfollow(follower);
            BoundBackend current = route.slot().current();
            if (streamed(route, current)) {
                followAnew(route, log, kernel, current);
            }
        } finally {
            log.unlock();
        }
    }

    /** The store's changes, keys decoded (null for an index entry), values decoded as a read does if wanted. */
    private List<ChangeLog.Followed> decoded(List<BackendChange> changes, boolean withValues) {
        List<ChangeLog.Followed> decoded = new ArrayList<>(changes.size());
        for (BackendChange change : changes) {
            byte[] raw = change.key();
            String key = raw.length > prefix.length && (raw[prefix.length] & 0xFF) >= (IndexLayout.STORE_KEYS_END & 0xFF)
                    ? null : KeyCodec.decode(raw, prefix.length);
            byte[] value = null;
            if (withValues && key != null && change.kind() == ChangeKind.PUT && change.value() != null) {
                try {
                    value = values.value(key, change.value());
                } catch (RuntimeException e) {
                    // Left without its value: a reader that wants values gets a gap there, as for a put kept without
                    kernel.logger().warn("store {}: the value of {} in its change stream cannot be read: {}",
                            route.label, key, e.toString());
                }
            }
            decoded.add(new ChangeLog.Followed(change.position(), key, change.kind(), value));
        }
        return decoded;
    }
}
