package io.stowage.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.StorageFullException;
import io.stowage.api.UnsupportedFormatException;

/**
 * SQLite in one file: WAL mode, so that readers on their own connections read in parallel with the one writer and
 * see only committed transactions; {@code synchronous} per the sync mode; a busy timeout for locks held by another
 * process (the {@code sqlite3} shell, say). Keys are BLOBs, which SQLite compares with memcmp: unsigned bytes, then
 * length (https://sqlite.org/datatype3.html#sort_order).
 */
final class SqliteDialect implements SqlDialect {

    // Primary result codes (https://sqlite.org/rescode.html); sqlite-jdbc reports them as SQLException error codes
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_CORRUPT = 11;

    private final SqlSettings settings;

    SqliteDialect(SqlSettings settings) {
        this.settings = settings;
    }

    @Override
    public String product() {
        return "SQLite";
    }

    @Override
    public String location() {
        return settings.file().toString();
    }

    /** Other processes may open the file, but only on this machine: not DISTRIBUTED. */
    @Override
    public boolean shared() {
        return false;
    }

    /** BEGIN IMMEDIATE already holds the file's only write lock. */
    @Override
    public void prepareSetup(Connection writer) {
        // Nothing else to lock or create: the file itself is created by the first connection
    }

    /** The file's one schema: no qualifier. */
    @Override
    public String qualified(String table) {
        return SqlIdentifiers.quote(table);
    }

    /** Any object of the name, as SQLite compares names: without regard to (ASCII) case. */
    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE name = ? COLLATE NOCASE")) {
            find.setString(1, table);
            try (ResultSet found = find.executeQuery()) {
                return found.next();
            }
        }
    }

    @Override
    public Connection connect(boolean writer) throws SQLException {
        try {
            Files.createDirectories(settings.file().getParent());
        } catch (IOException e) {
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name()) + "cannot create the folder of "
                    + settings.file() + ": " + e, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.syncMode().pragma()));
        config.setBusyTimeout(settings.busyTimeoutMillis());
        config.setReadOnly(!writer);
        // Straight to the driver's bundle: DriverManager does not see drivers of other bundles
        return config.createConnection(SqlSettings.SQLITE_URL_PREFIX + settings.file());
    }

    @Override
    public boolean namesIgnoreCase() {
        return true;
    }

    @Override
    public String bytesType() {
        return "BLOB";
    }

    /** The table is the key's B-tree itself: a scan reads entries in key order with no second lookup. */
    @Override
    public String tableOptions() {
        return " WITHOUT ROWID";
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        // IMMEDIATE takes the write lock now, so a read in the transaction cannot meet a writer of another process
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void beginRead(Connection connection) throws SQLException {
        execute(connection, "BEGIN DEFERRED");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        execute(connection, "ROLLBACK");
    }

    @Override
    public void checkHotCopy() {
        // VACUUM INTO copies any SQLite database
    }

    /** VACUUM INTO writes a compact copy from one read snapshot, while the writer goes on. */
    @Override
    public Path copyInto(Connection reader, Path folder) throws SQLException {
        Path copy = folder.resolve(settings.file().getFileName());
        try (PreparedStatement vacuum = reader.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, copy.toString());
            vacuum.execute();
        }
        return copy;
    }

    /** A file has no connection to lose. */
    @Override
    public boolean connectionLost(SQLException e) {
        return false;
    }

    /** The one writer holds the write lock for the whole transaction, so none is rolled back to be retried. */
    @Override
    public boolean retryable(SQLException e) {
        return false;
    }

    @Override
    public StorageException failure(String what, SQLException e) {
        String prefix = SqlSettings.prefix(settings.name()) + what + " in " + settings.file() + " failed: ";
        return switch (e.getErrorCode()) {
            case SQLITE_FULL -> new StorageFullException(prefix + "the disk or the file's size limit is full ("
                    + e.getMessage() + ")");
            case SQLITE_BUSY, SQLITE_LOCKED -> new BackendUnavailableException(prefix + "another process held the "
                    + "database's lock for more than busyTimeoutMillis (" + settings.busyTimeoutMillis() + " ms)", e);
            case SQLITE_NOTADB, SQLITE_CORRUPT -> new UnsupportedFormatException(prefix + "the file is not a SQLite "
                    + "database or is damaged; it was left untouched (" + e.getMessage() + ")", e);
            case SQLITE_CANTOPEN -> new BackendUnavailableException(prefix + "cannot open the file (" + e.getMessage()
                    + ")", e);
            default -> new BackendUnavailableException(prefix + e.getMessage(), e);
        };
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
