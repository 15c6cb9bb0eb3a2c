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

    /** Where the data lives, for messages and logs (never a password). */
    String location();

    /** A new connection: the one writer's, or one of the readers'. Both stay in auto-commit mode between uses. */
    Connection connect(boolean writer) throws SQLException;

    /** The column type of keys and values: byte strings compared as unsigned bytes. */
    String bytesType();

    /** What follows the table's column list when it is created (SQLite: stored in key order, without a rowid). */
    String tableOptions();

    /** Starts a write transaction that holds the database's write lock from its first statement. */
    void beginWrite(Connection connection) throws SQLException;

    /** Starts a read transaction: its statements see one snapshot. */
    void beginRead(Connection connection) throws SQLException;

    void commit(Connection connection) throws SQLException;

    void rollback(Connection connection) throws SQLException;

    /** Copies the database, consistent while writes go on, into a new file of the folder; returns the file. */
    Path copyInto(Connection reader, Path folder) throws SQLException;

    /** The typed failure for an error of the database while doing {@code what}. */
    StorageException failure(String what, SQLException e);
}
