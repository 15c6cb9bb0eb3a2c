package io.stowage.storage.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;

/**
 * The connections of one instance: one writer, used under a lock, and a fixed pool of readers, all opened up front.
 * Every operation holds the gate's read mode while it runs; closing takes the write mode, so it waits for the
 * operations in flight and no connection is closed under a statement. Nothing is held per thread.
 */
final class SqlConnections implements AutoCloseable {

    /** Work on a session that may fail with the database's own error. */
    interface Work<T> {
        T run(SqlSession session) throws SQLException;
    }

    private final SqlSettings settings;
    private final SqlDialect dialect;
    private final Logger logger;
    private final StampedLock gate = new StampedLock();
    private final ReentrantLock writerLock = new ReentrantLock();
    private final SqlSession writer;
    private final List<SqlSession> readers = new ArrayList<>();
    private final BlockingQueue<SqlSession> idleReaders;
    private volatile boolean closed;

    /**
     * Opens the writer first (it creates the file and switches it to WAL) and runs {@code setup} on it in a write
     * transaction, then opens the readers.
     */
    SqlConnections(SqlSettings settings, SqlDialect dialect, Logger logger, Work<Void> setup) {
        this.settings = settings;
        this.dialect = dialect;
        this.logger = logger;
        this.idleReaders = new ArrayBlockingQueue<>(settings.readers());
        SqlSession opened = null;
        try {
            opened = new SqlSession(dialect.connect(true));
            inTransaction(opened, true, setup);
            for (int i = 0; i < settings.readers(); i++) {
                SqlSession reader = new SqlSession(dialect.connect(false));
                readers.add(reader);
                idleReaders.add(reader);
            }
        } catch (SQLException e) {
            closeAll(opened);
            throw dialect.failure("opening the database", e);
        } catch (RuntimeException | Error e) {
            // Errors too: a bundle refreshed meanwhile fails to load classes half-way, and open files would leak
            closeAll(opened);
            throw e;
        }
        this.writer = opened;
    }

    /** Runs the work on a reader connection, in auto-commit mode: each statement sees the newest commit. */
    <T> T read(String what, Work<T> work) {
        long stamp = enter();
        try {
            SqlSession reader = takeReader();
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw dialect.failure(what, e);
            } finally {
                idleReaders.add(reader);
            }
        } finally {
            gate.unlockRead(stamp);
        }
    }

    /** Runs the work on a reader connection in a read transaction: all its statements see one snapshot. */
    <T> T readSnapshot(String what, Work<T> work) {
        return read(what, reader -> inTransaction(reader, false, work));
    }

    /** Runs one statement's work on the writer, in auto-commit mode: the statement is its own transaction. */
    <T> T write(String what, Work<T> work) {
        long stamp = enter();
        writerLock.lock();
        try {
            return work.run(writer);
        } catch (SQLException e) {
            throw dialect.failure(what, e);
        } finally {
            writerLock.unlock();
            gate.unlockRead(stamp);
        }
    }

    /** Runs the work on the writer in one write transaction: all of it is committed, or none of it. */
    <T> T writeTransaction(String what, Work<T> work) {
        return write(what, writer -> inTransaction(writer, true, work));
    }

    /** Runs the work in a transaction of the session, committed if the work returns, rolled back if it throws. */
    private <T> T inTransaction(SqlSession session, boolean write, Work<T> work) throws SQLException {
        if (write) {
            dialect.beginWrite(session.connection());
        } else {
            dialect.beginRead(session.connection());
        }
        try {
            T result = work.run(session);
            dialect.commit(session.connection());
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(session);
            throw e;
        }
    }

    private SqlSession takeReader() {
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name())
                    + "interrupted while waiting for a reader connection", e);
        }
    }

    private long enter() {
        long stamp = gate.readLock();
        if (closed) {
            gate.unlockRead(stamp);
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name()) + "has ended");
        }
        return stamp;
    }

    private void rollbackQuietly(SqlSession session) {
        try {
            dialect.rollback(session.connection());
        } catch (SQLException e) {
            // SQLite has already rolled back a transaction that failed on I/O or a full disk
            logger.debug("SQL backend '{}': rollback after a failure: {}", settings.name(), e.toString());
        }
    }

    /** Waits for every operation in flight, then closes every statement and connection. */
    @Override
    public void close() {
        closed = true;
        long stamp = gate.writeLock();
        try {
            closeAll(writer);
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    private void closeAll(SqlSession writerSession) {
        // Readers first: the last connection to close checkpoints the log into the file and removes it
        for (SqlSession reader : readers) {
            closeQuietly(reader);
        }
        readers.clear();
        idleReaders.clear();
        if (writerSession != null) {
            closeQuietly(writerSession);
        }
    }

    private void closeQuietly(SqlSession session) {
        try {
            session.close();
        } catch (SQLException e) {
            logger.warn("SQL backend '{}': closing a connection to {} failed: {}", settings.name(), dialect.location(),
                    e.toString());
        }
    }
}
