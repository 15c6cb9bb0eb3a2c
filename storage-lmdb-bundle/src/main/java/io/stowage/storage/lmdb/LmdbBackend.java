package io.stowage.storage.lmdb;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.HotCopy;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.ValueReader;

/**
 * One LMDB environment per configuration: durable, ordered, atomic batches and conditional writes each in one write
 * transaction. Ending the instance waits for operations in flight and closes the environment.
 */
@Component(factory = BackendFactory.FACTORY, service = {},
        configurationPid = LmdbBackend.PID, configurationPolicy = ConfigurationPolicy.IGNORE,
        factoryProperty = {BackendFactory.TYPE + "=lmdb", BackendFactory.CONFIGURATION_PID + "=" + LmdbBackend.PID})
@Designate(ocd = LmdbBackendConfig.class, factory = true)
public final class LmdbBackend implements StorageBackend, HotCopy {

    static final String PID = "io.stowage.lmdb";

    /** Framework property naming the runtime's data folder, against which relative paths are resolved. */
    static final String DATA_FOLDER_PROPERTY = "stowage.data";
    /** Karaf's data folder: without {@value #DATA_FOLDER_PROPERTY}, relative paths live in its stowage/ folder. */
    static final String KARAF_DATA_PROPERTY = "karaf.data";

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH,
            Capability.DURABLE, Capability.CONDITIONAL_WRITE);

    private final LmdbEnvironment environment;
    private final Logger logger;
    private final String name;

    @Activate
    public LmdbBackend(LmdbBackendConfig config, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this(settings(config, dataFolder(context)), logger);
    }

    /** Where relative paths are resolved: the runtime's data folder, or in Karaf a folder in Karaf's, or null. */
    static String dataFolder(BundleContext context) {
        String folder = context.getProperty(DATA_FOLDER_PROPERTY);
        String karafData = context.getProperty(KARAF_DATA_PROPERTY);
        if (folder == null && karafData != null) {
            // Where Karaf's own services keep their durable data
            return Path.of(karafData, "stowage").toString();
        }
        return folder;
    }

    private LmdbBackend(LmdbSettings settings, Logger logger) {
        this.logger = logger;
        this.name = settings.name();
        this.environment = new LmdbEnvironment(settings, logger);
        try {
            logger.info("LMDB backend '{}' opened {} ({} MiB map, {})", name, settings.folder(),
                    environment.mapSize() / LmdbSettings.MIB, settings.syncMode());
        } catch (RuntimeException | Error e) {
            // No instance will exist to close it (the log service of a stopping bundle throws, for one)
            environment.close();
            throw e;
        }
    }

    /** An instance outside a framework, for tests and benchmarks; {@link #close()} ends it. */
    public static LmdbBackend outsideFramework(String name, Path folder, long mapSizeMiB, long maxMapSizeMiB,
            Logger logger) {
        return new LmdbBackend(new LmdbSettings(name, folder.toAbsolutePath(), mapSizeMiB * LmdbSettings.MIB,
                maxMapSizeMiB * LmdbSettings.MIB, 126, SyncMode.DURABLE, 60), logger);
    }

    static LmdbSettings settings(LmdbBackendConfig config, String dataFolder) {
        // One folder per configuration unless told otherwise: two configurations can never share one by default
        String configured = config.path() == null || config.path().isBlank() ? "lmdb/" + config.name()
                : config.path().trim();
        Path path = Path.of(configured);
        if (!path.isAbsolute()) {
            if (dataFolder == null) {
                throw new IllegalArgumentException("LMDB backend '" + config.name() + "': path '" + configured
                        + "' is relative, but the framework has neither a " + DATA_FOLDER_PROPERTY + " nor a "
                        + KARAF_DATA_PROPERTY + " property");
            }
            path = Path.of(dataFolder).resolve(path);
        }
        return new LmdbSettings(config.name(), path.toAbsolutePath().normalize(), config.mapSizeMiB() * LmdbSettings.MIB,
                config.maxMapSizeMiB() * LmdbSettings.MIB, config.maxReaders(), SyncMode.parse(config.syncMode()),
                config.readerCheckSeconds());
    }

    @Deactivate
    public void close() {
        environment.close();
        logger.info("LMDB backend '{}' closed", name);
    }

    long mapSize() {
        return environment.mapSize();
    }

    /** LMDB's own compacting copy, consistent while writes go on; the copy opens as an LMDB backend. */
    @Override
    public void copyTo(Path folder) {
        environment.copyTo(folder);
        logger.info("LMDB backend '{}' copied to {}", name, folder);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public byte[] get(byte[] key) {
        return environment.get(key);
    }

    /** The reader sees the value on its page of LMDB's map, within the read transaction: no copy before it reads. */
    @Override
    public <T> T get(byte[] key, ValueReader<T> reader) {
        return environment.get(key, reader);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        return environment.getAll(keys);
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        environment.put(key, value);
    }

    @Override
    public byte[] delete(byte[] key) {
        return environment.delete(key);
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        return environment.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        return environment.replace(key, expected, value);
    }

    @Override
    public void write(List<BackendMutation> mutations) {
        environment.write(mutations);
    }

    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        return environment.writeIf(conditions, mutations, deadlineMillis);
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        return environment.scan(fromInclusive, toExclusive, limit);
    }
}
