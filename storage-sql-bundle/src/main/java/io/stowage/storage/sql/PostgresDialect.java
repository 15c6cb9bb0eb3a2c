package io.stowage.storage.sql;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.Driver;
import org.postgresql.PGProperty;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.StorageFullException;

/**
 * PostgreSQL: one table in a schema of a server's database, which several runtimes may share. Keys are {@code bytea},
 * which the server compares with memcmp, then by length: unsigned byte order
 * (https://www.postgresql.org/docs/15/datatype-binary.html). The writer's transactions, single statements included,
 * are SERIALIZABLE, so a conditional write's check holds at its commit even against another runtime's writes; a
 * transaction the server rolls back for that is retried. Readers read committed data, read only.
 */
final class PostgresDialect implements SqlDialect {

    // SQLSTATE codes (https://www.postgresql.org/docs/15/errcodes-appendix.html)
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String ADMIN_SHUTDOWN = "57P01";
    private static final String CRASH_SHUTDOWN = "57P02";
    private static final String CANNOT_CONNECT_NOW = "57P03";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String DISK_FULL = "53100";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    /** Straight to the driver's class: DriverManager does not see drivers of other bundles. */
    private final Driver driver = new Driver();
    private final SqlSettings settings;
    private final PostgresTarget target;

    PostgresDialect(SqlSettings settings) {
        this.settings = settings;
        this.target = settings.postgres();
    }

    @Override
    public String product() {
        return "PostgreSQL";
    }

    @Override
    public String location() {
        return target.location();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Connection connect(boolean writer) throws SQLException {
        Properties properties = new Properties();
        if (!target.user().isEmpty()) {
            PGProperty.USER.set(properties, target.user());
        }
        if (!target.password().isEmpty()) {
            PGProperty.PASSWORD.set(properties, target.password());
        }
        // search_path is a list of identifiers: quoted, the schema is taken as written
        PGProperty.CURRENT_SCHEMA.set(properties, SqlIdentifiers.quote(target.schema()));
        PGProperty.APPLICATION_NAME.set(properties, "stowage " + settings.name());
        int timeoutSeconds = connectTimeoutSeconds(settings);
        PGProperty.CONNECT_TIMEOUT.set(properties, Integer.toString(timeoutSeconds));
        PGProperty.LOGIN_TIMEOUT.set(properties, Integer.toString(timeoutSeconds));
        // A server that accepts connections but stops answering (stopped, swapping, a network that drops packets)
        PGProperty.SOCKET_TIMEOUT.set(properties, Integer.toString(socketTimeoutSeconds(settings)));
        PGProperty.TCP_KEEP_ALIVE.set(properties, "true");
        // A lock wait fails with the server's own error first, then a slow statement, both before the socket's
        PGProperty.OPTIONS.set(properties, "-c lock_timeout=" + settings.busyTimeoutMillis()
                + " -c statement_timeout=" + statementTimeoutMillis(settings)
                + " -c synchronous_commit=" + synchronousCommit(settings.syncMode())
                + (writer ? " -c default_transaction_isolation=serializable"
                        : " -c default_transaction_read_only=on"));
        Connection connection = driver.connect(target.url(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept the URL " + location(), "08001");
        }
        return connection;
    }

    /** How long opening a connection may take, the login included: busyTimeoutMillis in whole seconds. */
    static int connectTimeoutSeconds(SqlSettings settings) {
        return Math.max(1, (settings.busyTimeoutMillis() + 999) / 1000);
    }

    /** How long the server may run one statement before it cancels it itself: twice busyTimeoutMillis. */
    static long statementTimeoutMillis(SqlSettings settings) {
        return 2L * Math.max(1, settings.busyTimeoutMillis());
    }

    /**
     * How long the client waits for any answer before it gives the connection up: a second more than the statement
     * timeout, so a server that answers reports its own error.
     */
    static int socketTimeoutSeconds(SqlSettings settings) {
        return (int) ((statementTimeoutMillis(settings) + 999) / 1000) + 1;
    }

    /** What a commit waits for: the WAL flushed (and synchronous standbys), the local flush only, or nothing. */
    static String synchronousCommit(SyncMode mode) {
        return switch (mode) {
            case DURABLE -> "on";
            case NORMAL -> "local";
            case NO_SYNC -> "off";
        };
    }

    @Override
    public boolean namesIgnoreCase() {
        return false;
    }

    @Override
    public String bytesType() {
        return "BYTEA";
    }

    /** A heap with a B-tree primary key index, which scans walk in key order. */
    @Override
    public String tableOptions() {
        return "";
    }

    /**
     * A transaction-scoped advisory lock serializes runtimes setting up the same schema at once (CREATE ... IF NOT
     * EXISTS races on the catalog's unique indexes); the schema is created only when missing, which needs no CREATE
     * privilege on the database where an administrator made it.
     */
    @Override
    public void prepareSetup(Connection writer) throws SQLException {
        try (PreparedStatement lock = writer.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "stowage." + target.schema());
            lock.execute();
        }
        boolean schemaExists;
        try (PreparedStatement find = writer.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)")) {
            find.setString(1, target.schema());
            try (ResultSet found = find.executeQuery()) {
                schemaExists = found.next() && found.getBoolean(1);
            }
        }
        if (!schemaExists) {
            try (Statement create = writer.createStatement()) {
                create.execute("CREATE SCHEMA " + SqlIdentifiers.quote(target.schema()));
            }
        }
    }

    /** In the configured schema, whatever the session's search_path. */
    @Override
    public String qualified(String table) {
        return SqlIdentifiers.quote(target.schema()) + "." + SqlIdentifiers.quote(table);
    }

    /** In our schema only, by the exact name: quoted names are in the catalog as written. */
    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?)")) {
            find.setString(1, target.schema());
            find.setString(2, table);
            try (ResultSet found = find.executeQuery()) {
                return found.next() && found.getBoolean(1);
            }
        }
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        // SERIALIZABLE by the connection's default_transaction_isolation
        execute(connection, "BEGIN");
    }

    @Override
    public void beginRead(Connection connection) throws SQLException {
        execute(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        execute(connection, "ROLLBACK");
    }

    /** The data lives in the server's files, which only the server may copy consistently. */
    @Override
    public void checkHotCopy() {
        throw new IllegalArgumentException(SqlSettings.prefix(settings.name()) + "PostgreSQL keeps the data in the "
                + "server's own files: back it up with pg_dump or the server's backups (pg_basebackup); "
                + "stowage:backup copies any store");
    }

    @Override
    public Path copyInto(Connection reader, Path folder) {
        checkHotCopy();
        return folder;
    }

    @Override
    public boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.equals(ADMIN_SHUTDOWN)
                || state.equals(CRASH_SHUTDOWN) || state.equals(CANNOT_CONNECT_NOW));
    }

    @Override
    public boolean retryable(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState());
    }

    /** The driver's messages name the server, the role and the statement's error, never the password. */
    @Override
    public StorageException failure(String what, SQLException e) {
        String prefix = SqlSettings.prefix(settings.name()) + what + " in " + location() + " failed: ";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(DISK_FULL)) {
            return new StorageFullException(prefix + "the server's disk is full (" + e.getMessage() + ")");
        }
        if (state.equals(LOCK_NOT_AVAILABLE)) {
            return new BackendUnavailableException(prefix + "another session held a lock for more than "
                    + "busyTimeoutMillis (" + settings.busyTimeoutMillis() + " ms)", e);
        }
        if (state.equals(QUERY_CANCELED)) {
            return new BackendUnavailableException(prefix + "the server took longer than twice busyTimeoutMillis ("
                    + statementTimeoutMillis(settings) + " ms) and cancelled the statement; nothing of it was applied",
                    e);
        }
        if (unanswered(e)) {
            return new BackendUnavailableException(prefix + "the server did not answer within "
                    + socketTimeoutSeconds(settings) + " s; the connection was closed and the next operation connects "
                    + "again (a write's outcome is unknown: it may have been applied)", e);
        }
        if (connectionLost(e)) {
            return new BackendUnavailableException(prefix + "the connection to the server was lost or refused; the "
                    + "next operation connects again (" + e.getMessage() + ")", e);
        }
        return new BackendUnavailableException(prefix + e.getMessage() + " (SQLSTATE " + state + ")", e);
    }

    /** The client's own socket timeout: the server accepted the connection but stopped answering. */
    private static boolean unanswered(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
