package io.stowage.kernel.store;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.StreamFollower;
import io.stowage.kernel.index.StoreIndexes;
import io.stowage.kernel.metrics.StoreMetrics;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.kernel.migration.Migration;
import io.stowage.kernel.transform.TransformChain;

/**
 * One store of one namespace, shared by every handle on it: the backend configuration it is routed to, where its
 * keys live in the instance serving it ({@link Keyspace}), and its counters.
 */
public final class StoreRoute {

    public final String namespace;
    public final String name;
    public final String label;
    public final StoreMetrics metrics = new StoreMetrics();
    /** Operations that looked for a migration and found none, until they are done (see {@link #awaitUngated}). */
    final InFlight ungated = new InFlight();
    /** Lets a transaction that keeps conflicting run its last attempts alone among the store's transactions. */
    final TransactionGate transactionGate = new TransactionGate();
    private volatile BackendSlot slot;
    /** The store's traffic on the configuration it was last used on: nearly always the one it is routed to now. */
    private volatile StoreTraffic traffic;
    private volatile Migration migration;
    /** Where the store's keys live in the instance that served it last. */
    private volatile Keyspace keyspace;
    /** The transforms its route names for new writes, or null for none (the route's rule decides, see Kernel). */
    private volatile TransformChain chain;
    /** Its committed changes while a feed or listener watches it; null otherwise, which writes pay nothing for. */
    private volatile ChangeLog changeLog;
    /** Its secondary indexes: writes maintain them in the same atomic write as the values. */
    private volatile StoreIndexes indexes = StoreIndexes.NONE;
    /** Feeds and listener cursors on {@link #changeLog}; guarded by {@code this}. */
    private int watchers;
    /** When the last watcher left a log kept for its retention; guarded by {@code this}. */
    private long idleSinceMillis;
    /**
     * The position the store's next change gets, kept while no log is open. It starts at the clock in nanoseconds
     * (the scale of a Redis change stream's positions, see StorageBackend.changesAfter), so that positions of an
     * earlier run of the runtime are older than any of this run.
     */
    private long nextPosition = System.currentTimeMillis() * 1_000_000L;
    /** Whether a log of this store that the kernel's writes fed has given positions, up to {@link #nextPosition}. */
    private boolean positionsGiven;

    public StoreRoute(String namespace, String name, BackendSlot slot) {
        this.namespace = namespace;
        this.name = name;
        this.label = namespace + "/" + name;
        this.slot = slot;
    }

    public BackendSlot slot() {
        return slot;
    }

    /** Where the store's keys live in this instance: its prefix there, given by the instance's directory. */
    public Keyspace keyspaceOn(BoundBackend bound) {
        Keyspace known = keyspace;
        return known != null && known.instance() == bound.serial() ? known : firstUseOf(bound);
    }

    /** Apart from {@link #keyspaceOn}, so that the operations' path stays small enough to be compiled into them. */
    private Keyspace firstUseOf(BoundBackend bound) {
        Keyspace made = new Keyspace(bound.serial(), StoreDirectory.prefixOf(bound.backend(), namespace, name));
        keyspace = made;
        return made;
    }

    /** The store's prefix in this instance if the store has been used there, else null (none is made for it). */
    byte[] knownPrefixOn(BoundBackend bound) {
        Keyspace known = keyspace;
        return known != null && known.instance() == bound.serial() ? known.prefix() : null;
    }

    /**
     * The prefix the store's keys had last, to build keys with before an instance is entered: nearly always the
     * right one, and {@link Keyspace#key} corrects it when not.
     */
    byte[] lastPrefix() {
        Keyspace known = keyspace;
        return known != null ? known.prefix() : Keyspace.UNRESOLVED;
    }

    /** Where this store's operations count now: its traffic on the configuration it is routed to. */
    StoreTraffic traffic() {
        StoreTraffic known = traffic;
        BackendSlot current = slot;
        return known != null && known.slot == current ? known : firstTrafficOn(current);
    }

    /** Apart from {@link #traffic}, so that the operations' path stays small enough to be compiled into each of them. */
    private StoreTraffic firstTrafficOn(BackendSlot current) {
        StoreTraffic made = metrics.on(current);
        traffic = made;
        return made;
    }

    public void routeTo(BackendSlot slot) {
        this.slot = slot;
    }

    /** The chain new writes go through, or null: values are stored as they are. */
    public TransformChain chain() {
        return chain;
    }

    public void useChain(TransformChain chain) {
        this.chain = chain;
    }

    public StoreIndexes indexes() {
        return indexes;
    }

    public void useIndexes(StoreIndexes indexes) {
        this.indexes = indexes;
    }

    /** Its change log while something watches it, or null. */
    public ChangeLog changeLog() {
        return changeLog;
    }

    /**
     * Joins (or opens) the store's change log. A log opened here takes effect once every write that started without
     * it has finished (as a migration's gate does), so a watcher's first position is after them all; waits at most
     * {@code timeoutMillis} for them. A log kept for its retention after its last watcher left is joined as it is;
     * the watcher ends the retention ({@link ChangeLog#endRetention()}) once it reads, so values stay kept meanwhile.
     */
    public synchronized ChangeLog watch(int capacity, long timeoutMillis, Kernel kernel) {
        if (changeLog == null) {
            changeLog = StoreStreams.newLog(this, capacity, nextPosition, positionsGiven);
            awaitUngated(timeoutMillis);
            // A store on an instance with a change stream: the log is the stream's, loaded after those writes
            StoreStreams.opened(this, changeLog, kernel);
        }
        watchers++;
        return changeLog;
    }

    /**
     * Leaves the log. The last watcher to leave drops it, so that writes stop recording changes, unless the log is to
     * be kept for a while ({@code retentionMillis}, from {@code nowMillis}): then it goes on recording, values too if
     * a reader wanted them, until {@link #dropIdleLog} finds it idle for that long.
     */
    public synchronized void unwatch(ChangeLog log, long nowMillis, long retentionMillis) {
        if (log != changeLog || watchers == 0) {
            return;
        }
        if (--watchers == 0) {
            if (retentionMillis > 0) {
                idleSinceMillis = nowMillis;
                log.retain();
            } else {
                drop(log);
            }
        }
    }

    /** Drops the log if nobody has watched it for {@code retentionMillis}; returns whether it did. */
    public synchronized boolean dropIdleLog(long nowMillis, long retentionMillis) {
        ChangeLog log = changeLog;
        if (log == null || watchers > 0 || nowMillis - idleSinceMillis < retentionMillis) {
            return false;
        }
        drop(log);
        return true;
    }

    /** Stops the follower of the store's log, if it has one, as the kernel stops; returns it, to be joined. */
    public synchronized StreamFollower stopFollowing() {
        ChangeLog log = changeLog;
        return log == null ? null : log.close();
    }

    private void drop(ChangeLog log) {
        log.endRetention();
        log.close();
        positionsGiven |= log.kernelFed();
        // One position skipped: writes while nobody watches get none, so a reader resuming from before them must find
        // a gap in the next log rather than a seamless sequence
        nextPosition = log.nextPosition() + 1;
        changeLog = null;
    }

    /** The migration copying this store, or the whole instance it is routed to, elsewhere; or null. */
    Migration migration() {
        Migration own = migration;
        return own != null ? own : slot.migration();
    }

    /**
     * Waits until no operation that looked for a migration before one began is still running: after that, every
     * write of the store goes through the migration. Returns false if some still ran after the timeout.
     */
    public boolean awaitUngated(long timeoutMillis) {
        return ungated.awaitEarlier(timeoutMillis);
    }

    public synchronized void startMigration(Migration started) {
        if (migration != null) {
            throw new IllegalStateException("store " + label + " is already being migrated to configuration '"
                    + migration.target().configuration() + "'");
        }
        // A swap deletes the replaced index's entries once its lookups end, and lookups through a migration are
        // not counted: the two may not overlap, as an index may not be redefined during a migration
        if (indexes().replacing()) {
            throw new IllegalStateException("store " + label + " has an index being rebuilt for a changed definition;"
                    + " migrate it once stowage:indexes shows the rebuild done");
        }
        migration = started;
    }

    public synchronized void endMigration() {
        migration = null;
    }
}
