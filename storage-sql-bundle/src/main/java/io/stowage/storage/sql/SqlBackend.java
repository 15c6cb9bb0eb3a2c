package io.stowage.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
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

import io.stowage.api.BackendUnavailableException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.HotCopy;
import io.stowage.spi.StorageBackend;

/**
 * One table of a SQL database per configuration (SQLite: one file in WAL mode; PostgreSQL: a table of a server's
 * database, which several runtimes may share): durable, ordered, atomic batches and conditional writes each in one
 * SQL transaction. Ending the instance waits for operations in flight and closes every connection.
 *
 * <p>One class serves both dialects, and the kernel offers {@code stowage:hotcopy} by the instance's class, so a
 * PostgreSQL instance is a {@link HotCopy} too: it refuses, naming pg_dump and the server's backups.
 */
@Component(factory = BackendFactory.FACTORY, service = {},
        configurationPid = SqlBackend.PID, configurationPolicy = ConfigurationPolicy.IGNORE,
        factoryProperty = {BackendFactory.TYPE + "=sql", BackendFactory.CONFIGURATION_PID + "=" + SqlBackend.PID})
@Designate(ocd = SqlBackendConfig.class, factory = true)
public final class SqlBackend implements StorageBackend, HotCopy {

    static final String PID = "io.stowage.sql";

    private static final Set<Capability> LOCAL = EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH,
            Capability.DURABLE, Capability.CONDITIONAL_WRITE);
    private static final Set<Capability> SHARED = EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH,
            Capability.DURABLE, Capability.CONDITIONAL_WRITE, Capability.DISTRIBUTED);

    private final String name;
    private final Logger logger;
    private final SqlDialect dialect;
    private final EntryStatements entries;
    private final SqlConnections connections;

    @Activate
    public SqlBackend(SqlBackendConfig config, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this(SqlSettings.of(config, dataFolder(context)), logger);
    }

    /** Where relative paths are resolved: the runtime's data folder, or in Karaf a folder in Karaf's, or null. */
    static String dataFolder(BundleContext context) {
        String folder = context.getProperty(SqlSettings.DATA_FOLDER_PROPERTY);
        String karafData = context.getProperty(SqlSettings.KARAF_DATA_PROPERTY);
        if (folder == null && karafData != null) {
            // Where Karaf's own services keep their durable data
            return Path.of(karafData, "stowage").toString();
        }
        return folder;
    }

    private SqlBackend(SqlSettings settings, Logger logger) {
        this.name = settings.name();
        this.logger = logger;
        this.dialect = dialect(settings);
        this.entries = new EntryStatements(dialect, settings.table());
        this.connections = new SqlConnections(settings, dialect, logger, writer -> {
            dialect.prepareSetup(writer.connection());
            entries.createOrCheck(writer, dialect, name);
            return null;
        });
        try {
            logger.info("SQL backend '{}' opened table {} of {} {} ({}, {} readers)", name, settings.table(),
                    dialect.product(), dialect.location(), settings.syncMode(), settings.readers());
        } catch (RuntimeException | Error e) {
            // No instance will exist to close it (the log service of a stopping bundle throws, for one)
            connections.close();
            throw e;
        }
    }

    private static SqlDialect dialect(SqlSettings settings) {
        if (!settings.onPostgres()) {
            return new SqliteDialect(settings);
        }
        try {
            return new PostgresDialect(settings);
        } catch (NoClassDefFoundError e) {
            // The driver's package is imported optionally, so SQLite-only runtimes need not install it. Not the
            // cause: logs show a failure's deepest cause, and this message is the one that says what to do
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name()) + "the PostgreSQL driver "
                    + "(bundle org.postgresql.jdbc; Karaf feature stowage-postgresql) is not wired to the SQL "
                    + "extension: install it, then refresh the extension (" + e + ")");
        }
    }

    /** An instance on a SQLite file outside a framework, for tests and benchmarks; {@link #close()} ends it. */
    public static SqlBackend outsideFramework(String name, Path file, Logger logger) {
        return new SqlBackend(new SqlSettings(name, file.toAbsolutePath(), "stowage_entries", SyncMode.DURABLE, 5_000,
                4), logger);
    }

    /** An instance on a PostgreSQL database outside a framework, for tests and benchmarks; {@link #close()} ends it. */
    public static SqlBackend outsideFramework(String name, String jdbcUrl, String user, String table, Logger logger) {
        return new SqlBackend(new SqlSettings(name, new PostgresTarget(jdbcUrl, user, "", "public"), table,
                SyncMode.DURABLE, 5_000, 4), logger);
    }

    /** An instance of these settings outside a framework, for tests of what the settings change. */
    static SqlBackend outsideFramework(SqlSettings settings, Logger logger) {
        return new SqlBackend(settings, logger);
    }

    @Deactivate
    public void close() {
        connections.close();
        logger.info("SQL backend '{}' closed", name);
    }

    /**
     * SQLite's VACUUM INTO: a compact copy from one snapshot while writes go on; the copy opens as a SQL backend.
     * PostgreSQL refuses: its data is the server's to copy.
     */
    @Override
    public void copyTo(Path folder) {
        dialect.checkHotCopy();
        try {
            Files.createDirectories(folder);
            try (var files = Files.list(folder)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalArgumentException(SqlSettings.prefix(name) + "the copy's folder " + folder
                            + " is not empty");
                }
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(SqlSettings.prefix(name) + "cannot prepare " + folder + ": " + e, e);
        }
        Path copy = connections.read("copying the database", reader -> dialect.copyInto(reader.connection(), folder));
        logger.info("SQL backend '{}' copied to {}", name, copy);
    }

    @Override
    public Set<Capability> capabilities() {
        return dialect.shared() ? SHARED : LOCAL;
    }

    @Override
    public byte[] get(byte[] key) {
        return connections.read("get", reader -> entries.get(reader, key));
    }

    /** One snapshot for all keys: a batch written meanwhile is seen whole or not at all. */
    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        return connections.readSnapshot("getAll", reader -> entries.getAll(reader, keys));
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        connections.write("put", writer -> {
            entries.put(writer, key, value, expiresAtMillis);
            return null;
        });
    }

    @Override
    public byte[] delete(byte[] key) {
        return connections.writeTransaction("delete", writer -> {
            byte[] previous = entries.get(writer, key);
            if (previous != null) {
                entries.delete(writer, key);
            }
            return previous;
        });
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        return connections.write("putIfAbsent", writer -> entries.putIfAbsent(writer, key, value, expiresAtMillis));
    }

    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        return connections.write("replace", writer -> entries.replace(writer, key, expected, value, expiresAtMillis));
    }

    /** All mutations in one transaction: committed all or none, and readers see all or none. */
    @Override
    public void write(List<BackendMutation> mutations) {
        connections.writeTransaction("write", writer -> {
            entries.apply(writer, mutations);
            return null;
        });
    }

    /**
     * The check and the mutations in one write transaction: SQLite's holds the database's only write lock;
     * PostgreSQL's is SERIALIZABLE, so the server rolls it back (and it runs again) if another runtime's write
     * changed what it read.
     */
    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        return connections.writeTransaction("writeIf", writer -> {
            if (!entries.allHold(writer, conditions) || System.currentTimeMillis() >= deadlineMillis) {
                return false;
            }
            entries.apply(writer, mutations);
            return true;
        });
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        return connections.read("scan", reader -> entries.scan(reader, fromInclusive, toExclusive, limit));
    }
}
