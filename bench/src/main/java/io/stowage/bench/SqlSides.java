package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.bench.SlicedRounds.Side;

/**
 * The four operations issue 20 measures, each as a {@link Side} of one operation a call: a get, a put (overwriting an
 * existing key), a batch of {@value #BATCH} puts and the listing of the 1% of keys under {@code p:}; either through
 * the kernel's {@link Store} or, for the raw side, as the same SQL statements the extension sends, on one JDBC
 * connection of the bench's own to a table of the same layout holding the same data set.
 */
final class SqlSides {

    static final int BATCH = 1_000;
    static final List<String> OPERATIONS = List.of("get", "put", "batch-1000", "glob-1pct");
    /** The glob of the listed family: every hundredth key ({@link Dataset#withListedFamily}). */
    static final String GLOB = "p:*";
    /** The rows a kernel listing asks its backend for at a time (its page when a caller asks for more). */
    static final int SCAN_PAGE = 1_024;

    private SqlSides() {
    }

    /** The side of {@code operation} through the kernel's store, which holds {@code data}. */
    static Side kernel(String operation, Store store, Dataset data) {
        Cursor cursor = new Cursor();
        Versions written = new Versions();
        int listed = (data.keys.length + 99) / 100;
        return switch (operation) {
            case "get" -> () -> {
                if (store.get(data.keys[cursor.next(data.order)]) == null) {
                    throw new IllegalStateException("a key of the data set is missing");
                }
                return 1;
            };
            case "put" -> () -> {
                int i = cursor.next(data.order);
                store.put(data.keys[i], written.next(data.values[i]));
                return 1;
            };
            case "batch-1000" -> () -> {
                Batch.Builder batch = Batch.builder();
                for (int n = 0; n < BATCH; n++) {
                    int i = cursor.next(data.order);
                    batch.put(data.keys[i], written.next(data.values[i]));
                }
                store.write(batch.build());
                return 1;
            };
            case "glob-1pct" -> () -> {
                int count = 0;
                String after = null;
                do {
                    Page<String> page = store.keys(GLOB, Limits.MAX_PAGE_SIZE, after);
                    count += page.items().size();
                    after = page.continuation();
                } while (after != null);
                return checked(count, listed);
            };
            default -> throw new IllegalArgumentException("no operation " + operation);
        };
    }

    /** The side of {@code operation} as raw JDBC on the connection, whose {@code table} holds {@code data}. */
    static Side raw(String operation, Raw raw, Dataset data) {
        Cursor cursor = new Cursor();
        Versions written = new Versions();
        int listed = (data.keys.length + 99) / 100;
        return switch (operation) {
            case "get" -> () -> {
                try {
                    raw.get.setBytes(1, data.keys[cursor.next(data.order)].getBytes(UTF_8));
                    try (ResultSet found = raw.get.executeQuery()) {
                        if (!found.next() || found.getBytes(1) == null) {
                            throw new IllegalStateException("a key of the data set is missing");
                        }
                    }
                    return 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            case "put" -> () -> {
                try {
                    int i = cursor.next(data.order);
                    raw.upsert(data.keys[i].getBytes(UTF_8), written.next(data.values[i]));
                    return 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            case "batch-1000" -> () -> {
                try {
                    raw.execute(raw.begin);
                    for (int n = 0; n < BATCH; n++) {
                        int i = cursor.next(data.order);
                        raw.upsert(data.keys[i].getBytes(UTF_8), written.next(data.values[i]));
                    }
                    raw.execute("COMMIT");
                    return 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            case "glob-1pct" -> () -> {
                try {
                    // The keys as the application wants them, as the kernel's page holds them: Strings
                    List<String> keys = new ArrayList<>();
                    byte[] from = "p:".getBytes(UTF_8);
                    int rows;
                    do {
                        raw.scan.setBytes(1, from);
                        raw.scan.setBytes(2, "p;".getBytes(UTF_8));
                        // Pages of the kernel's size: the extension sends the same statement with this limit
                        raw.scan.setLong(3, SCAN_PAGE);
                        rows = 0;
                        byte[] last = from;
                        try (ResultSet found = raw.scan.executeQuery()) {
                            while (found.next()) {
                                last = found.getBytes(1);
                                if (found.getBytes(2) != null) {
                                    keys.add(new String(last, UTF_8));
                                }
                                rows++;
                            }
                        }
                        // The next page starts just after the last key
                        from = Arrays.copyOf(last, last.length + 1);
                    } while (rows == SCAN_PAGE);
                    return checked(keys.size(), listed);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            default -> throw new IllegalArgumentException("no operation " + operation);
        };
    }

    private static int checked(int count, int expected) {
        if (count != expected) {
            throw new IllegalStateException("listed " + count + " keys under " + GLOB + ", not " + expected);
        }
        return 1;
    }

    /**
     * Connections of the bench's own, in auto-commit mode, with the extension's statements on a table of the
     * extension's layout: what an application using the driver directly would write. Reads and writes may go to one
     * connection or to two (PostgreSQL: writes in SERIALIZABLE transactions as the extension's, reads at the
     * server's default level as the extension's readers).
     */
    static final class Raw implements AutoCloseable {

        final Connection reads;
        final Connection connection;
        final String begin;
        final PreparedStatement get;
        final PreparedStatement upsertStatement;
        final PreparedStatement scan;

        /**
         * Creates the table ({@code bytes} the column type, {@code options} after its columns) through the writing
         * connection and loads the data.
         */
        Raw(Connection reads, Connection connection, String table, String bytes, String options, String begin,
                Dataset data) throws SQLException {
            this.reads = reads;
            this.connection = connection;
            this.begin = begin;
            execute("CREATE TABLE " + table + " (k " + bytes + " PRIMARY KEY NOT NULL, v " + bytes + " NOT NULL, "
                    + "expires_at BIGINT NOT NULL DEFAULT 0)" + options);
            get = reads.prepareStatement("SELECT v FROM " + table + " WHERE k = ?");
            upsertStatement = connection.prepareStatement("INSERT INTO " + table + " (k, v, expires_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v, "
                    + "expires_at = excluded.expires_at");
            scan = reads.prepareStatement("SELECT k, v FROM " + table + " WHERE k >= ? AND k < ? ORDER BY k LIMIT ?");
            for (int start = 0; start < data.keys.length; start += BATCH) {
                execute(begin);
                for (int i = start; i < Math.min(data.keys.length, start + BATCH); i++) {
                    upsert(data.keys[i].getBytes(UTF_8), data.values[i]);
                }
                execute("COMMIT");
            }
        }

        void upsert(byte[] key, byte[] value) throws SQLException {
            upsertStatement.setBytes(1, key);
            upsertStatement.setBytes(2, value);
            upsertStatement.setLong(3, 0);
            upsertStatement.executeUpdate();
        }

        void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            List<SQLException> failures = new ArrayList<>();
            List<AutoCloseable> closeables = new ArrayList<>(List.of(get, upsertStatement, scan, connection));
            if (reads != connection) {
                closeables.add(reads);
            }
            for (AutoCloseable closeable : closeables) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failures.add(e instanceof SQLException sql ? sql : new SQLException(e));
                }
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    /**
     * Values that differ from what the key holds: SQLite leaves a page untouched (no write, no sync at commit) when
     * an upsert stores the bytes already there, so rewriting the data set's own values would measure nothing.
     */
    private static final class Versions {
        private long count;

        /** A copy of the value whose first eight bytes are this side's count of writes. */
        byte[] next(byte[] value) {
            byte[] copy = value.clone();
            ByteBuffer.wrap(copy).putLong(0, ++count);
            return copy;
        }
    }
}
