package io.stowage.example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.api.BackendUnavailableException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * The smallest complete storage extension: a factory component that the kernel asks for one instance per
 * configuration of {@code io.stowage.example}, each a sorted map guarded by its own lock (so batches and conditional
 * writes are atomic).
 * Keys are compared as unsigned bytes, which is what ordered scans need. Ending the instance drops the map.
 */
@Component(factory = BackendFactory.FACTORY, service = {},
        configurationPid = SortedMapBackend.PID, configurationPolicy = ConfigurationPolicy.IGNORE,
        factoryProperty = {BackendFactory.TYPE + "=example", BackendFactory.CONFIGURATION_PID + "=" + SortedMapBackend.PID})
@Designate(ocd = SortedMapBackendConfig.class, factory = true)
public final class SortedMapBackend implements StorageBackend {

    static final String PID = "io.stowage.example";

    private final String name;
    private final Logger logger;
    private NavigableMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    /** DS 1.4 hands over the configuration and a logger named after this class, from the framework's LoggerFactory. */
    @Activate
    public SortedMapBackend(SortedMapBackendConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(config.name(), logger);
    }

    private SortedMapBackend(String name, Logger logger) {
        this.name = name;
        this.logger = logger;
        logger.info("example backend '{}' started", name);
    }

    /** An instance outside a framework, for the contract suites; {@link #close()} ends it. */
    public static SortedMapBackend outsideFramework(String name, Logger logger) {
        return new SortedMapBackend(name, logger);
    }

    @Deactivate
    public synchronized void close() {
        map = null;
        logger.info("example backend '{}' ended", name);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH, Capability.CONDITIONAL_WRITE);
    }

    @Override
    public synchronized byte[] get(byte[] key) {
        return open().get(key);
    }

    /** Under the lock as a whole: a batch get must not see part of a batch (the default gets key by key). */
    @Override
    public synchronized List<byte[]> getAll(List<byte[]> keys) {
        NavigableMap<byte[], byte[]> source = open();
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(source.get(key));
        }
        return values;
    }

    @Override
    public synchronized void put(byte[] key, byte[] value, long expiresAtMillis) {
        open().put(key, value);
    }

    @Override
    public synchronized byte[] delete(byte[] key) {
        return open().remove(key);
    }

    @Override
    public synchronized boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        return open().putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        byte[] current = open().get(key);
        if (current == null || !Arrays.equals(current, expected)) {
            return false;
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
        return true;
    }

    @Override
    public synchronized void write(List<BackendMutation> mutations) {
        NavigableMap<byte[], byte[]> target = open();
        for (BackendMutation mutation : mutations) {
            if (mutation.isDelete()) {
                target.remove(mutation.key());
            } else {
                target.put(mutation.key(), mutation.value());
            }
        }
    }

    /** The check and the mutations under the one lock: no write falls between them, no read sees part of them. */
    @Override
    public synchronized boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations,
            long deadlineMillis) {
        for (BackendCondition condition : conditions) {
            // One entry more than expected is enough to see a key that must not be there
            List<BackendEntry> found = scan(condition.fromInclusive(), condition.toExclusive(),
                    condition.entries().size() + 1);
            if (!condition.holds(found)) {
                return false;
            }
        }
        if (System.currentTimeMillis() >= deadlineMillis) {
            return false;
        }
        write(mutations);
        return true;
    }

    @Override
    public synchronized List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        Map<byte[], byte[]> range = toExclusive == null ? open().tailMap(fromInclusive, true)
                : open().subMap(fromInclusive, true, toExclusive, false);
        List<BackendEntry> entries = new ArrayList<>(Math.min(limit, 256));
        for (Map.Entry<byte[], byte[]> entry : range.entrySet()) {
            if (entries.size() == limit) {
                break;
            }
            entries.add(new BackendEntry(entry.getKey(), entry.getValue()));
        }
        return entries;
    }

    private NavigableMap<byte[], byte[]> open() {
        if (map == null) {
            throw new BackendUnavailableException("example backend '" + name + "' has ended");
        }
        return map;
    }
}
