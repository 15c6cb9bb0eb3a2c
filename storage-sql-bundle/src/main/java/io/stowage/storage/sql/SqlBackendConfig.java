package io.stowage.storage.sql;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Stowage SQL backend",
        description = "A durable storage backend instance: one table of a SQL database (SQLite: one file; "
                + "PostgreSQL: a table of a server's database, which several runtimes may share)")
@interface SqlBackendConfig {

    @AttributeDefinition(name = "Name",
            description = "What store routes, the kernel's default backend and the stowage: commands call this "
                    + "configuration. A file may leave it out: etc/io.stowage.sql-orders.cfg is named orders")
    String name();

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the SQL extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    @AttributeDefinition(name = "Version policy",
            description = "latest: move to the highest version in range as soon as it is installed; pinned: keep the "
                    + "serving version while it is installed, until an operator moves it (stowage:move)",
            options = {@Option(label = "Follow latest", value = "latest"), @Option(label = "Pinned", value = "pinned")})
    String policy() default "latest";

    @AttributeDefinition(name = "Dialect", required = false,
            description = "Which database: empty to infer it from the JDBC URL (SQLite without one)",
            options = {@Option(label = "From the JDBC URL", value = ""), @Option(label = "SQLite", value = "sqlite"),
                @Option(label = "PostgreSQL", value = "postgresql")})
    String dialect() default "";

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:sqlite:<file> names the database file, as path does; leave empty to use path. "
                    + "jdbc:postgresql://<host>:<port>/<database> names a PostgreSQL database; credentials go in "
                    + "user and password, never here")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "Path", required = false,
            description = "SQLite: the database file; relative paths are resolved against the runtime's data folder "
                    + "(framework property stowage.data), or in Karaf against ${karaf.data}/stowage; "
                    + "empty: sqlite/<name>.db")
    String path() default "";

    @AttributeDefinition(name = "User", required = false, description = "PostgreSQL: the role to log in as")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "PostgreSQL: the role's password; empty for none (trust or peer authentication); never "
                    + "logged or shown")
    String password() default "";

    @AttributeDefinition(name = "Schema",
            description = "PostgreSQL: the schema holding the table, created if missing; exactly as written "
                    + "(case included: SQL quotes it)")
    String schema() default "public";

    @AttributeDefinition(name = "Table", description = "The table holding the entries, created if missing; exactly "
            + "as written (a keyword such as order, or mixed case: SQL quotes it), up to 63 bytes")
    String table() default "stowage_entries";

    @AttributeDefinition(name = "Sync mode", description = "What a commit waits for; see the operating guide "
            + "(PostgreSQL: synchronous_commit on, local, off)",
            options = {
                @Option(value = "DURABLE", label = "Durable: fsync the log on every commit"),
                @Option(value = "NORMAL", label = "Normal: a power loss may undo the commits since the last checkpoint"),
                @Option(value = "NO_SYNC", label = "No sync: a power loss may undo commits or corrupt the file")})
    String syncMode() default "DURABLE";

    @AttributeDefinition(name = "Busy timeout (ms)",
            description = "How long a write waits for another process holding the database's write lock; "
                    + "PostgreSQL: also how long a connection may take; twice this is a statement's limit on the "
                    + "server, and a second more the wait for its answer")
    int busyTimeoutMillis() default 5_000;

    @AttributeDefinition(name = "Readers", description = "Connections that read in parallel beside the one writer")
    int readers() default 4;
}
