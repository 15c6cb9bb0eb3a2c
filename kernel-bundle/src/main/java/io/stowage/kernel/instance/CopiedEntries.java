package io.stowage.kernel.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * The kernel's own sorted map of raw entries, seen through the SPI so that a {@code Migration} can copy a serving
 * instance into it page by page with every write mirrored (see {@link LiveHandOver}). It counts its entries and
 * bytes as they change, so the hand-over made of it costs nothing in proportion to its size.
 * A {@link StandIn} serves it once the instance is unbound, until the next instance takes it over.
 */
final class CopiedEntries implements StorageBackend {

    private final ConcurrentSkipListMap<byte[], byte[]> entries = HandOver.sortedEntries();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** These entries as a hand-over, its counts following them (a {@link StandIn} may still change them). */
    HandOver handOver(String configurationPid) {
        return new HandOver(configurationPid, entries, count::get, bytes::get);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ORDERED_SCAN);
    }

    @Override
    public byte[] get(byte[] key) {
        return entries.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        counted(key, entries.put(key, value), value);
    }

    @Override
    public byte[] delete(byte[] key) {
        byte[] previous = entries.remove(key);
        counted(key, previous, null);
        return previous;
    }

    @Override
    public synchronized boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value, expiresAtMillis);
        return true;
    }

    @Override
    public synchronized boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        if (!Arrays.equals(entries.get(key), expected)) {
            return false;
        }
        if (value == null) {
            delete(key);
        } else {
            put(key, value, expiresAtMillis);
        }
        return true;
    }

    @Override
    public void write(List<BackendMutation> mutations) {
        for (BackendMutation mutation : mutations) {
            if (mutation.isDelete()) {
                delete(mutation.key());
            } else {
                put(mutation.key(), mutation.value(), mutation.expiresAtMillis());
            }
        }
    }

    /**
     * Whether every condition holds and the deadline has not come, as {@link #writeIf} would check before it writes;
     * a check and write that follow it are one atomic step only while nothing else changes the entries:
     * {@link StandIn} calls both holding the lock all its writes share. These entries declare no
     * {@link Capability#CONDITIONAL_WRITE} of their own (nor {@link Capability#ATOMIC_BATCH}), so the SPI's
     * {@code writeIf} stays unsupported here.
     */
    boolean holdAlone(List<BackendCondition> conditions, long deadlineMillis) {
        for (BackendCondition condition : conditions) {
            // One entry past the expected count is enough to see a key too many
            if (!condition.holds(scan(condition.fromInclusive(), condition.toExclusive(),
                    condition.entries().size() + 1))) {
                return false;
            }
        }
        return System.currentTimeMillis() < deadlineMillis;
    }

    /** The keys present now. */
    long count() {
        return count.get();
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        Map<byte[], byte[]> range = toExclusive == null ? entries.tailMap(fromInclusive, true)
                : entries.subMap(fromInclusive, true, toExclusive, false);
        List<BackendEntry> page = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<byte[], byte[]> entry : range.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.add(new BackendEntry(entry.getKey(), entry.getValue()));
        }
        return page;
    }

    private void counted(byte[] key, byte[] previous, byte[] value) {
        if (previous == null && value != null) {
            count.incrementAndGet();
            bytes.addAndGet(key.length + value.length);
        } else if (previous != null && value == null) {
            count.decrementAndGet();
            bytes.addAndGet(-(key.length + previous.length));
        } else if (previous != null) {
            bytes.addAndGet(value.length - previous.length);
        }
    }
}
