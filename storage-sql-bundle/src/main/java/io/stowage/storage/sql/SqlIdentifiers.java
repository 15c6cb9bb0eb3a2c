package io.stowage.storage.sql;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Table and schema names as the configuration gives them, put into SQL text always quoted, so that a name which is a
 * keyword ({@code order}, {@code user}) or in mixed case ({@code Orders}) means exactly that table in both dialects
 * (SQLite compares names without regard to case, PostgreSQL with). What no quoting can make work is refused up front,
 * naming the problem, rather than failing as a syntax error or being silently cut by the server.
 */
final class SqlIdentifiers {

    /** PostgreSQL's NAMEDATALEN less one: the server cuts longer names silently, so two could become one. */
    static final int MAX_BYTES = 63;

    private SqlIdentifiers() {
    }

    /** The name as a quoted SQL identifier: in double quotes, each double quote in it doubled (SQL-92; both). */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Refuses a table or schema name that cannot be one in either database; {@code attribute} names the setting. */
    static void check(String configuration, String attribute, String name) {
        if (name == null || name.isEmpty()) {
            throw refused(configuration, attribute, name, "is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw refused(configuration, attribute, name, "is " + bytes + " bytes long in UTF-8, more than the "
                    + MAX_BYTES + " PostgreSQL keeps of a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw refused(configuration, attribute, name, String.format("contains the control character U+%04X",
                        (int) c));
            }
        }
    }

    /** Refuses a table name that is the extension's own layout table or one SQLite reserves. */
    static void checkTable(String configuration, String table, boolean sqlite) {
        check(configuration, "table", table);
        if (table.equalsIgnoreCase(EntryStatements.FORMAT_TABLE)) {
            throw refused(configuration, "table", table, "is the name of the table where the extension keeps each "
                    + "table's layout version");
        }
        if (sqlite && table.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
            throw refused(configuration, "table", table, "begins with sqlite_, which SQLite reserves for its own "
                    + "tables");
        }
    }

    /** Refuses a schema name that PostgreSQL reserves. */
    static void checkSchema(String configuration, String schema) {
        check(configuration, "schema", schema);
        if (schema.toLowerCase(Locale.ROOT).startsWith("pg_")) {
            throw refused(configuration, "schema", schema, "begins with pg_, which PostgreSQL reserves for its "
                    + "system schemas");
        }
    }

    private static IllegalArgumentException refused(String configuration, String attribute, String name,
            String problem) {
        return new IllegalArgumentException(SqlSettings.prefix(configuration) + attribute + " '" + name + "' "
                + problem);
    }
}
