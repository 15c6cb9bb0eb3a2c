package io.stowage.storage.sql;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where and how one SQL backend instance keeps its entries: in a SQLite file, or in a PostgreSQL database.
 *
 * @param name              the configuration's name, for messages
 * @param file              the SQLite database file, absolute; null on PostgreSQL
 * @param postgres          the PostgreSQL database; null on SQLite
 * @param table             the table of entries, exactly as configured (quoted in SQL: keywords and mixed case work)
 * @param syncMode          what a commit waits for
 * @param busyTimeoutMillis how long a write waits for another process's write lock (PostgreSQL: for any lock, a
 *                          connection or the server's answer)
 * @param readers           connections reading in parallel beside the writer
 */
record SqlSettings(String name, Path file, PostgresTarget postgres, String table, SyncMode syncMode,
        int busyTimeoutMillis, int readers) {

    static final String SQLITE = "sqlite";
    static final String POSTGRESQL = "postgresql";
    static final String SQLITE_URL_PREFIX = "jdbc:sqlite:";

    /** Framework property naming the runtime's data folder, against which relative paths are resolved. */
    static final String DATA_FOLDER_PROPERTY = "stowage.data";
    /** Karaf's data folder: without {@value #DATA_FOLDER_PROPERTY}, relative paths live in its stowage/ folder. */
    static final String KARAF_DATA_PROPERTY = "karaf.data";

    SqlSettings {
        if ((file == null) == (postgres == null)) {
            throw new IllegalArgumentException(prefix(name) + "needs either a SQLite file or a PostgreSQL database");
        }
        if (file != null && !file.isAbsolute()) {
            throw new IllegalArgumentException(prefix(name) + "path " + file + " is not absolute");
        }
        SqlIdentifiers.checkTable(name, table, file != null);
        if (postgres != null) {
            SqlIdentifiers.checkSchema(name, postgres.schema());
        }
        if (busyTimeoutMillis < 0 || readers < 1) {
            throw new IllegalArgumentException(prefix(name) + "busyTimeoutMillis must not be negative and readers "
                    + "must be positive, were " + busyTimeoutMillis + " and " + readers);
        }
    }

    /** Settings of a SQLite file. */
    SqlSettings(String name, Path file, String table, SyncMode syncMode, int busyTimeoutMillis, int readers) {
        this(name, file, null, table, syncMode, busyTimeoutMillis, readers);
    }

    /** Settings of a PostgreSQL database. */
    SqlSettings(String name, PostgresTarget postgres, String table, SyncMode syncMode, int busyTimeoutMillis,
            int readers) {
        this(name, null, postgres, table, syncMode, busyTimeoutMillis, readers);
    }

    /**
     * How long an operation waits for a connection of the instance: as long as one statement may take (twice the
     * busy timeout, and a second for the answer), so a queue behind stuck statements fails in time.
     */
    long connectionWaitMillis() {
        return 2L * busyTimeoutMillis + 1_000;
    }

    boolean onPostgres() {
        return postgres != null;
    }

    /** The settings of a configuration; a relative path is resolved against {@code dataFolder} (may be null). */
    static SqlSettings of(SqlBackendConfig config, String dataFolder) {
        String name = config.name();
        String url = trimmed(config.jdbcUrl());
        String dialect = trimmed(config.dialect()).toLowerCase(Locale.ROOT);
        if (dialect.isEmpty()) {
            dialect = url.isEmpty() || url.startsWith(SQLITE_URL_PREFIX) ? SQLITE
                    : url.startsWith(PostgresTarget.URL_PREFIX) ? POSTGRESQL : url;
        }
        String table = trimmed(config.table());
        SyncMode syncMode = SyncMode.parse(config.syncMode());
        if (dialect.equals(POSTGRESQL)) {
            return new SqlSettings(name, postgres(name, url, config), table, syncMode, config.busyTimeoutMillis(),
                    config.readers());
        }
        if (!dialect.equals(SQLITE)) {
            throw new IllegalArgumentException(prefix(name) + "dialect '" + dialect + "' is not one this version "
                    + "speaks: sqlite (jdbcUrl jdbc:sqlite:<file>, or path) or postgresql (jdbcUrl "
                    + PostgresTarget.URL_PREFIX + "//<host>:<port>/<database>)");
        }
        String configured = sqliteFile(name, url, trimmed(config.path()));
        Path path = Path.of(configured);
        if (!path.isAbsolute()) {
            if (dataFolder == null) {
                throw new IllegalArgumentException(prefix(name) + "path '" + configured + "' is relative, but the "
                        + "framework has neither a " + DATA_FOLDER_PROPERTY + " nor a " + KARAF_DATA_PROPERTY
                        + " property");
            }
            path = Path.of(dataFolder).resolve(path);
        }
        return new SqlSettings(name, path.toAbsolutePath().normalize(), table, syncMode, config.busyTimeoutMillis(),
                config.readers());
    }

    private static PostgresTarget postgres(String name, String url, SqlBackendConfig config) {
        if (!url.startsWith(PostgresTarget.URL_PREFIX)) {
            throw new IllegalArgumentException(prefix(name) + "dialect postgresql needs a jdbcUrl "
                    + PostgresTarget.URL_PREFIX + "//<host>:<port>/<database>, not '" + url + "'");
        }
        if (!trimmed(config.path()).isEmpty()) {
            throw new IllegalArgumentException(prefix(name) + "path names a SQLite file; PostgreSQL takes jdbcUrl "
                    + "only");
        }
        String schema = trimmed(config.schema());
        return new PostgresTarget(url, trimmed(config.user()), config.password() == null ? "" : config.password(),
                schema.isEmpty() ? "public" : schema);
    }

    /** The file named by the URL or the path (not both), or one of its own per configuration by default. */
    private static String sqliteFile(String name, String url, String path) {
        if (url.isEmpty()) {
            return path.isEmpty() ? "sqlite/" + name + ".db" : path;
        }
        if (!url.startsWith(SQLITE_URL_PREFIX)) {
            throw new IllegalArgumentException(prefix(name) + "jdbcUrl '" + url + "' is not a SQLite URL "
                    + "(" + SQLITE_URL_PREFIX + "<file>)");
        }
        if (!path.isEmpty()) {
            throw new IllegalArgumentException(prefix(name) + "both jdbcUrl and path name the database file; "
                    + "give one of them");
        }
        String file = url.substring(SQLITE_URL_PREFIX.length());
        // The backend sets every connection option itself, and an in-memory database would be one per connection
        if (file.isEmpty() || file.contains("?") || file.startsWith(":") || file.startsWith("file:")) {
            throw new IllegalArgumentException(prefix(name) + "jdbcUrl '" + url + "' must name a plain database "
                    + "file, without options (" + SQLITE_URL_PREFIX + "<file>)");
        }
        return file;
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }

    static String prefix(String name) {
        return "SQL backend '" + name + "': ";
    }
}
