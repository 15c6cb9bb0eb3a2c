package io.stowage.storage.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.stowage.api.StorageException;

/**
 * What differs between the SQL databases the extension speaks: how a connection is opened, the table's column types,
 * how transactions begin, how a copy is taken and what an error code means. The statements on entries are
 * standard SQL and shared ({@link EntryStatements}).
 */
interface SqlDialect {

    /** The database's product name, for logs. */
    String product();

    /** Where the data lives, for messages and logs (never a password). */
    String location();

    /** Whether several processes may share the data (the DISTRIBUTED capability). */
    boolean shared();

    /** A new connection: the one writer's, or one of the readers'. Both stay in auto-commit mode between uses. */
    Connection connect(boolean writer) throws SQLException;

    /** A table's name as SQL text names it where the extension's tables live: quoted, and qualified if need be. */
    String qualified(String table);

    /** Whether the database takes names that differ only in case for one table, as SQLite does even quoted. */
    boolean namesIgnoreCase();

    /** The column type of keys and values: byte strings compared as unsigned bytes. */
    String bytesType();

    /** What follows the table's column list when it is created (SQLite: stored in key order, without a rowid). */
    String tableOptions();

    /**
     * Prepares the writer's setup transaction, before the tables are checked: serializes it with other processes
     * setting up the same database, and creates what the tables live in.
     */
    void prepareSetup(Connection writer) throws SQLException;

    /** Whether a table (or anything else of that name the tables would clash with) exists where ours live. */
    boolean tableExists(Connection connection, String table) throws SQLException;

    /** Starts a write transaction that holds the database's write lock from its first statement. */
    void beginWrite(Connection connection) throws SQLException;

    /** Starts a read transaction: its statements see one snapshot. */
    void beginRead(Connection connection) throws SQLException;

    void commit(Connection connection) throws SQLException;

    void rollback(Connection connection) throws SQLException;

    /** Throws IllegalArgumentException, naming what to use instead, when the backend cannot copy this database. */
    void checkHotCopy();

    /** Copies the database, consistent while writes go on, into a new file of the folder; returns the file. */
    Path copyInto(Connection reader, Path folder) throws SQLException;

    /** Whether the connection that raised this is gone (the server restarted, or ended the session). */
    boolean connectionLost(SQLException e);

    /** Whether the transaction that raised this was rolled back only to keep transactions serializable: retry it. */
    boolean retryable(SQLException e);

    /** The typed failure for an error of the database while doing {@code what}. */
    StorageException failure(String what, SQLException e);
}
