package io.stowage.storage.sql;

/**
 * Where a PostgreSQL database is and who logs in. The password never leaves this record except into the driver's
 * connection properties: {@link #toString()} leaves it out, so no message or log line can carry it.
 *
 * @param url      {@code jdbc:postgresql://host:port/database}
 * @param user     the role to log in as; empty to leave it to the URL or the driver's default
 * @param password the role's password; empty for none
 * @param schema   the schema holding the tables, created if missing; exactly as configured (quoted in SQL)
 */
record PostgresTarget(String url, String user, String password, String schema) {

    static final String URL_PREFIX = "jdbc:postgresql:";

    /** The URL without its parameters, which may carry a password, for messages. */
    String location() {
        int parameters = url.indexOf('?');
        return (parameters < 0 ? url : url.substring(0, parameters)) + " (schema " + schema + ")";
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + location() + ", user " + user + "]";
    }
}
