package io.stowage.storage.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.stowage.api.UnsupportedFormatException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;

/**
 * The statements on the table of entries, in SQL that SQLite and PostgreSQL both speak: one row per key, the key
 * its primary key (so scans walk the key index in unsigned byte order), and the kernel's expiry hint in a column of
 * its own, where SQL tools can see it; the kernel's sweeper removes expired entries, as for every backend without
 * native expiry.
 */
final class EntryStatements {

    /** Where each table's layout version is kept, beside the tables themselves. */
    static final String FORMAT_TABLE = "stowage_format";
    static final int LAYOUT = 1;

    /** The table's name as configured, the key of its row in the layout table. */
    private final String table;
    /** The entries' and the layout table's names as SQL text. */
    private final String entries;
    private final String formatTable;
    private final String get;
    private final String scan;
    private final String scanToEnd;
    private final String upsert;
    private final String insertIfAbsent;
    private final String updateIfEqual;
    private final String delete;
    private final String deleteIfEqual;

    /** The statements on {@code table}, named in SQL as the dialect qualifies and quotes it. */
    EntryStatements(SqlDialect dialect, String table) {
        this.table = table;
        this.formatTable = dialect.qualified(FORMAT_TABLE);
        String entries = dialect.qualified(table);
        this.entries = entries;
        this.get = "SELECT v FROM " + entries + " WHERE k = ?";
        this.scan = "SELECT k, v FROM " + entries + " WHERE k >= ? AND k < ? ORDER BY k LIMIT ?";
        this.scanToEnd = "SELECT k, v FROM " + entries + " WHERE k >= ? ORDER BY k LIMIT ?";
        this.upsert = "INSERT INTO " + entries + " (k, v, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (k) DO UPDATE SET v = excluded.v, expires_at = excluded.expires_at";
        this.insertIfAbsent = "INSERT INTO " + entries + " (k, v, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (k) DO NOTHING";
        this.updateIfEqual = "UPDATE " + entries + " SET v = ?, expires_at = ? WHERE k = ? AND v = ?";
        this.delete = "DELETE FROM " + entries + " WHERE k = ?";
        this.deleteIfEqual = "DELETE FROM " + entries + " WHERE k = ? AND v = ?";
    }

    /**
     * Creates the tables if missing and checks the layout, in the writer's transaction: a table of another layout
     * version, or one of this name that Stowage did not create, is refused and left untouched.
     */
    void createOrCheck(SqlSession session, SqlDialect dialect, String name) throws SQLException {
        boolean existed = dialect.tableExists(session.connection(), table);
        String bytes = dialect.bytesType();
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + formatTable
                    + " (table_name VARCHAR(63) PRIMARY KEY NOT NULL, layout INTEGER NOT NULL)");
            // The table's row as the database matches its names: SQLite's (and lower()) ignore ASCII case
            PreparedStatement layout = session.prepare("SELECT layout FROM " + formatTable + (dialect.namesIgnoreCase()
                    ? " WHERE lower(table_name) = lower(?)" : " WHERE table_name = ?"));
            layout.setString(1, table);
            try (ResultSet found = layout.executeQuery()) {
                if (found.next()) {
                    int version = found.getInt(1);
                    if (version != LAYOUT) {
                        throw new UnsupportedFormatException(SqlSettings.prefix(name) + "table " + table + " in "
                                + dialect.location() + " has layout version " + version + ", but this version reads "
                                + "only " + LAYOUT + "; it was left untouched");
                    }
                    return;
                }
            }
            if (existed) {
                throw new UnsupportedFormatException(SqlSettings.prefix(name) + "table " + table + " in "
                        + dialect.location() + " was not created by Stowage (no row in " + FORMAT_TABLE
                        + "); it was left untouched");
            }
            // Key first in the primary key: the table is ordered by it (SQLite WITHOUT ROWID: stored in key order)
            statement.execute("CREATE TABLE " + entries + " (k " + bytes + " PRIMARY KEY NOT NULL, v " + bytes
                    + " NOT NULL, expires_at BIGINT NOT NULL DEFAULT 0)" + dialect.tableOptions());
            PreparedStatement mark = session.prepare("INSERT INTO " + formatTable + " (table_name, layout) "
                    + "VALUES (?, ?)");
            mark.setString(1, table);
            mark.setInt(2, LAYOUT);
            mark.executeUpdate();
        }
    }

    byte[] get(SqlSession session, byte[] key) throws SQLException {
        PreparedStatement statement = session.prepare(get);
        statement.setBytes(1, key);
        try (ResultSet found = statement.executeQuery()) {
            return found.next() ? found.getBytes(1) : null;
        }
    }

    List<byte[]> getAll(SqlSession session, List<byte[]> keys) throws SQLException {
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(get(session, key));
        }
        return values;
    }

    List<BackendEntry> scan(SqlSession session, byte[] fromInclusive, byte[] toExclusive, int limit)
            throws SQLException {
        PreparedStatement statement = session.prepare(toExclusive == null ? scanToEnd : scan);
        statement.setBytes(1, fromInclusive);
        if (toExclusive != null) {
            statement.setBytes(2, toExclusive);
        }
        statement.setLong(toExclusive == null ? 2 : 3, limit);
        List<BackendEntry> page = new ArrayList<>(Math.min(limit, 1024));
        try (ResultSet found = statement.executeQuery()) {
            while (found.next()) {
                page.add(new BackendEntry(found.getBytes(1), found.getBytes(2)));
            }
        }
        return page;
    }

    void put(SqlSession session, byte[] key, byte[] value, long expiresAtMillis) throws SQLException {
        PreparedStatement statement = session.prepare(upsert);
        statement.setBytes(1, key);
        statement.setBytes(2, value);
        statement.setLong(3, expiresAtMillis);
        statement.executeUpdate();
    }

    boolean putIfAbsent(SqlSession session, byte[] key, byte[] value, long expiresAtMillis) throws SQLException {
        PreparedStatement statement = session.prepare(insertIfAbsent);
        statement.setBytes(1, key);
        statement.setBytes(2, value);
        statement.setLong(3, expiresAtMillis);
        return statement.executeUpdate() == 1;
    }

    /** The value's byte-for-byte comparison happens in the statement, so no write can fall between it and the change. */
    boolean replace(SqlSession session, byte[] key, byte[] expected, byte[] value, long expiresAtMillis)
            throws SQLException {
        PreparedStatement statement;
        if (value == null) {
            statement = session.prepare(deleteIfEqual);
            statement.setBytes(1, key);
            statement.setBytes(2, expected);
        } else {
            statement = session.prepare(updateIfEqual);
            statement.setBytes(1, value);
            statement.setLong(2, expiresAtMillis);
            statement.setBytes(3, key);
            statement.setBytes(4, expected);
        }
        return statement.executeUpdate() == 1;
    }

    boolean delete(SqlSession session, byte[] key) throws SQLException {
        PreparedStatement statement = session.prepare(delete);
        statement.setBytes(1, key);
        return statement.executeUpdate() == 1;
    }

    /** Applies the mutations in order, in the caller's transaction. */
    void apply(SqlSession session, List<BackendMutation> mutations) throws SQLException {
        for (BackendMutation mutation : mutations) {
            if (mutation.isDelete()) {
                delete(session, mutation.key());
            } else {
                put(session, mutation.key(), mutation.value(), mutation.expiresAtMillis());
            }
        }
    }

    /** Reads each condition's range, one entry more than it expects (showing a key that should not be there). */
    boolean allHold(SqlSession session, List<BackendCondition> conditions) throws SQLException {
        for (BackendCondition condition : conditions) {
            List<BackendEntry> found = scan(session, condition.fromInclusive(), condition.toExclusive(),
                    condition.entries().size() + 1);
            if (!condition.holds(found)) {
                return false;
            }
        }
        return true;
    }
}
