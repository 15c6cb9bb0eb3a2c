package io.stowage.kernel.instance;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;

import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * The kernel's live copy of an ended volatile instance ({@link CopiedEntries}) serving its configuration in the
 * instance's place while the extension's bundle restarts, so that operations do not wait for the framework to
 * update, resolve and start the bundle and for SCR to make the next instance (issue 14). Reads are the copy's;
 * writes and deletes change the copy, which the next instance takes over with them ({@link HandOverOverlay}).
 *
 * <p>It promises what it can keep of the ended instance's capabilities: ordered scans, atomic batches and
 * conditional writes, which a batch and a conditional write keep by holding the write mode of one
 * {@link StampedLock} that every other operation shares. Expiry needs nothing of it: the kernel hides an expired
 * entry by its envelope and sweeps a backend without native expiry.
 *
 * <p>It keeps the ended instance's {@link StorageBackend#maxKeys()}: the next instance must take every entry it holds.
 * With a limit, every write that may add keys holds the write mode too, so that the count it checks stays exact.
 *
 * <p>It ends (once) when the next instance takes the copy over, the configuration is deleted, the kernel stops or
 * no next instance came in time: unbound, so operations wait for the next instance as before, then drained, so no
 * write reaches the copy after whoever owns it next begins to read it.
 */
final class StandIn implements StorageBackend {

    /** What a copy in a sorted map can honour; durability, native expiry and sharing it cannot. */
    private static final Set<Capability> KEPT = EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH,
            Capability.CONDITIONAL_WRITE);

    private final CopiedEntries entries;
    private final Set<Capability> capabilities;
    private final long maxKeys;
    private final StampedLock batches = new StampedLock();
    private final BackendSlot slot;
    private final BoundBackend bound;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * A stand-in for an instance with those capabilities and that {@link StorageBackend#maxKeys()}, not yet bound;
     * {@link #bound()} is what to bind.
     */
    StandIn(CopiedEntries entries, Set<Capability> ended, long maxKeys, BackendSlot slot) {
        this.entries = entries;
        this.maxKeys = maxKeys;
        EnumSet<Capability> kept = EnumSet.noneOf(Capability.class);
        kept.addAll(ended);
        kept.retainAll(KEPT);
        this.capabilities = Set.copyOf(kept);
        this.slot = slot;
        this.bound = new BoundBackend(this, "hand-over", "0");
    }

    BoundBackend bound() {
        return bound;
    }

    /**
     * Stops serving: unbinds it (a newer binding stays) and waits, up to {@code drainMillis}, for the operations on
     * it. Returns whether none still runs; idempotent.
     */
    boolean end(long drainMillis) {
        if (!ended.compareAndSet(false, true)) {
            return true;
        }
        slot.unbind(this);
        return bound.close(drainMillis);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public long maxKeys() {
        return maxKeys;
    }

    @Override
    public byte[] get(byte[] key) {
        long stamp = batches.tryOptimisticRead();
        byte[] value = entries.get(key);
        if (stamp != 0 && batches.validate(stamp)) {
            return value;
        }
        stamp = batches.readLock();
        try {
            return entries.get(key);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        long stamp = batches.readLock();
        try {
            return keys.stream().map(entries::get).toList();
        } finally {
            batches.unlockRead(stamp);
        }
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        if (KeyLimit.isBounded(maxKeys)) {
            write(List.of(BackendMutation.put(key, value, expiresAtMillis)));
            return;
        }
        long stamp = batches.readLock();
        try {
            entries.put(key, value, expiresAtMillis);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    @Override
    public byte[] delete(byte[] key) {
        long stamp = batches.readLock();
        try {
            return entries.delete(key);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /** Alone, like a batch: a plain put of the same key must not land between its check and its put. */
    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        long stamp = batches.writeLock();
        try {
            requireRoom(List.of(BackendMutation.put(key, value, expiresAtMillis)));
            return entries.putIfAbsent(key, value, expiresAtMillis);
        } finally {
            batches.unlockWrite(stamp);
        }
    }

    /** Alone, like a batch, for the same reason as {@link #putIfAbsent}. */
    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        long stamp = batches.writeLock();
        try {
            return entries.replace(key, expected, value, expiresAtMillis);
        } finally {
            batches.unlockWrite(stamp);
        }
    }

    @Override
    public void write(List<BackendMutation> mutations) {
        long stamp = batches.writeLock();
        try {
            requireRoom(mutations);
            entries.write(mutations);
        } finally {
            batches.unlockWrite(stamp);
        }
    }

    /**
     * Alone, like a batch: no write falls between the check and the mutations, and no read sees part of them. Only
     * for a stand-in of an instance that had {@link Capability#CONDITIONAL_WRITE}, whose transactions go on here.
     */
    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        if (!capabilities.contains(Capability.CONDITIONAL_WRITE)) {
            throw new UnsupportedOperationException("the kernel's stand-in keeps conditional writes only for an"
                    + " instance that had them");
        }
        long stamp = batches.writeLock();
        try {
            if (!entries.holdAlone(conditions, deadlineMillis)) {
                return false;
            }
            requireRoom(mutations);
            entries.write(mutations);
            return true;
        } finally {
            batches.unlockWrite(stamp);
        }
    }

    /** Called in the write mode, so no other write changes which keys are present meanwhile. */
    private void requireRoom(List<BackendMutation> mutations) {
        if (!KeyLimit.isBounded(maxKeys)) {
            return;
        }
        KeyCountChange change = KeyCountChange.of(mutations, key -> entries.get(key) != null);
        if (entries.count() + change.peak() > maxKeys) {
            throw KeyLimit.full(maxKeys, "in the kernel's copy that serves configuration '" + slot.configuration()
                    + "' while its extension restarts");
        }
    }

    /** In the read mode: a scan sees every batch whole or not at all. */
    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        long stamp = batches.readLock();
        try {
            return entries.scan(fromInclusive, toExclusive, limit);
        } finally {
            batches.unlockRead(stamp);
        }
    }
}
