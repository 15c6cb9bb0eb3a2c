package io.stowage.storage.memory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 * One in-memory backend instance per configuration: ordered, concurrent, atomic batches and conditional writes, a
 * key-count limit. Its data lives only as long as the instance; ending the instance releases all of it.
 */
@Component(factory = BackendFactory.FACTORY, service = {},
        configurationPid = MemoryBackend.PID, configurationPolicy = ConfigurationPolicy.IGNORE,
        factoryProperty = {BackendFactory.TYPE + "=memory", BackendFactory.CONFIGURATION_PID + "=" + MemoryBackend.PID})
@Designate(ocd = MemoryBackendConfig.class, factory = true)
public final class MemoryBackend implements StorageBackend {

    static final String PID = "io.stowage.memory";

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH,
            Capability.CONDITIONAL_WRITE);

    private final String name;
    private final Logger logger;
    /** Swapped for an empty table when the instance ends, which lets the old one go in O(1) (see {@link #close}). */
    private volatile MemoryTable table;
    private volatile boolean closed;

    @Activate
    public MemoryBackend(MemoryBackendConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(config.name(), config.maxKeys(), logger);
    }

    private MemoryBackend(String name, long maxKeys, Logger logger) {
        this.name = name;
        this.logger = logger;
        this.table = new MemoryTable(name, maxKeys);
        logger.info("memory backend '{}' started (maxKeys {})", name, maxKeys);
    }

    /**
     * An instance outside a framework, for tests and benchmarks of the kernel; in a framework the kernel has SCR
     * create instances. {@link #close()} ends it.
     */
    public static MemoryBackend outsideFramework(String name, long maxKeys, Logger logger) {
        return new MemoryBackend(name, maxKeys, logger);
    }

    /**
     * Ends the instance and lets go of its data. The table is dropped, not cleared: clearing took time in proportion
     * to its size (about 200 ms at 100k keys) while a live update of this extension waited for it (issue 14).
     */
    @Deactivate
    public void close() {
        closed = true;
        MemoryTable released = table;
        table = new MemoryTable(name, 1);
        long keys = released.size();
        logger.info("memory backend '{}' ended, released {} keys", name, keys);
    }

    /** How many keys the instance holds; 0 once it has ended. */
    long size() {
        return table.size();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public long maxKeys() {
        return table.maxKeys();
    }

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        return table.get(key);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        ensureOpen();
        return table.getAll(keys);
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        ensureOpen();
        table.put(key, value);
    }

    @Override
    public byte[] delete(byte[] key) {
        ensureOpen();
        return table.delete(key);
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        ensureOpen();
        return table.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        ensureOpen();
        return table.replace(key, expected, value);
    }

    @Override
    public void write(List<BackendMutation> mutations) {
        ensureOpen();
        table.write(mutations);
    }

    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        ensureOpen();
        return table.writeIf(conditions, mutations, deadlineMillis);
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        ensureOpen();
        return table.scan(fromInclusive, toExclusive, limit);
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendUnavailableException("memory backend '" + name + "' has ended");
        }
    }
}
