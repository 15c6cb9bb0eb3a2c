package io.stowage.storage.sql;

import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;

/**
 * The connections of one instance: one writer, used under a lock, and a pool of readers, all opened up front. A
 * connection the server dropped (a restart, a terminated session) is closed and replaced by a new one at its next
 * use, so the instance recovers by itself once the server is back. Every operation holds the gate's read mode while
 * it runs; closing takes the write mode, so it waits for the operations in flight and no connection is closed under
 * a statement. Nothing is held per thread.
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
    /** Permits to use a reader: at most {@code readers} connections read at once. */
    private final Semaphore readerPermits;
    /** Open readers not in use; the most recently used first, so a dropped one is met once, not at every turn. */
    private final Deque<SqlSession> idleReaders = new ConcurrentLinkedDeque<>();
    /** Guarded by the writer lock; null once its connection was lost, until the next write connects again. */
    private SqlSession writer;
    private volatile boolean closed;

    /**
     * Opens the writer first (SQLite: it creates the file and switches it to WAL) and runs {@code setup} on it in a
     * write transaction, then opens the readers.
     */
    SqlConnections(SqlSettings settings, SqlDialect dialect, Logger logger, Work<Void> setup) {
        this.settings = settings;
        this.dialect = dialect;
        this.logger = logger;
        this.readerPermits = new Semaphore(settings.readers());
        SqlSession opened = null;
        try {
            opened = new SqlSession(dialect.connect(true));
            inTransaction(opened, true, setup);
            for (int i = 0; i < settings.readers(); i++) {
                idleReaders.add(new SqlSession(dialect.connect(false)));
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

    /**
     * Runs the work on a reader connection, in auto-commit mode: each statement sees the newest commit. Reads change
     * nothing, so one that met a dropped connection runs once more on a new one.
     */
    <T> T read(String what, Work<T> work) {
        long stamp = enter();
        try {
            acquireReader(what);
            try {
                SqlSession reader = idleReaders.pollFirst();
                for (int attempt = 1; ; attempt++) {
                    if (reader == null) {
                        reader = open(false, what);
                    }
                    long started = System.nanoTime();
                    try {
                        T result = work.run(reader);
                        idleReaders.addFirst(reader);
                        return result;
                    } catch (SQLException e) {
                        if (!lost(reader, e)) {
                            idleReaders.addFirst(reader);
                            throw dialect.failure(what, e);
                        }
                        closeQuietly(reader);
                        reader = null;
                        // A slow failure is a server that does not answer: a second attempt would wait as long
                        if (attempt > 1 || System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(
                                settings.busyTimeoutMillis())) {
                            throw dialect.failure(what, e);
                        }
                    } catch (RuntimeException | Error e) {
                        idleReaders.addFirst(reader);
                        throw e;
                    }
                }
            } finally {
                readerPermits.release();
            }
        } finally {
            gate.unlockRead(stamp);
        }
    }

    /** Runs the work on a reader connection in a read transaction: all its statements see one snapshot. */
    <T> T readSnapshot(String what, Work<T> work) {
        return read(what, reader -> inTransaction(reader, false, work));
    }

    /**
     * Runs one statement's work on the writer, in auto-commit mode: the statement is its own transaction. Work the
     * database rolled back only to keep transactions serializable runs again, until busyTimeoutMillis has passed;
     * work that met a dropped connection fails, as its commit may or may not have happened.
     */
    <T> T write(String what, Work<T> work) {
        long stamp = enter();
        try {
            lockWriter(what);
        } catch (RuntimeException e) {
            gate.unlockRead(stamp);
            throw e;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.busyTimeoutMillis());
            while (true) {
                if (writer == null) {
                    writer = open(true, what);
                }
                try {
                    return work.run(writer);
                } catch (SQLException e) {
                    if (dialect.retryable(e) && System.nanoTime() < deadline) {
                        continue;
                    }
                    if (lost(writer, e)) {
                        closeQuietly(writer);
                        writer = null;
                    }
                    throw dialect.failure(what, e);
                }
            }
        } finally {
            writerLock.unlock();
            gate.unlockRead(stamp);
        }
    }

    /** Runs the work on the writer in one write transaction: all of it is committed, or none of it. */
    <T> T writeTransaction(String what, Work<T> work) {
        return write(what, session -> inTransaction(session, true, work));
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

    private SqlSession open(boolean asWriter, String what) {
        try {
            return new SqlSession(dialect.connect(asWriter));
        } catch (SQLException e) {
            throw dialect.failure(what, e);
        }
    }

    /** Whether the session's connection is gone, so that it must be replaced rather than used again. */
    private boolean lost(SqlSession session, SQLException e) {
        if (dialect.connectionLost(e)) {
            return true;
        }
        try {
            return session.connection().isClosed();
        } catch (SQLException closedCheck) {
            return true;
        }
    }

    /**
     * Waits for a reader, but no longer than one statement may take: when the server stops answering, the operations
     * queued behind the stuck ones fail in time too, rather than each waiting for all those before it.
     */
    private void acquireReader(String what) {
        try {
            if (!readerPermits.tryAcquire(settings.connectionWaitMillis(), TimeUnit.MILLISECONDS)) {
                throw notInTime(what, "all " + settings.readers() + " readers");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name()) + what
                    + ": interrupted while waiting for a reader connection", e);
        }
    }

    /** Takes the writer, waiting no longer than one statement may take, as for the readers. */
    private void lockWriter(String what) {
        try {
            if (!writerLock.tryLock(settings.connectionWaitMillis(), TimeUnit.MILLISECONDS)) {
                throw notInTime(what, "the writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(SqlSettings.prefix(settings.name()) + what
                    + ": interrupted while waiting for the writer connection", e);
        }
    }

    private BackendUnavailableException notInTime(String what, String connections) {
        return new BackendUnavailableException(SqlSettings.prefix(settings.name()) + what + " waited "
                + settings.connectionWaitMillis() + " ms (twice busyTimeoutMillis and a second) for a connection: "
                + connections + " stayed busy on " + dialect.location());
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
            // SQLite has already rolled back a transaction that failed on I/O or a full disk; a lost connection too
            logger.debug("SQL backend '{}': rollback after a failure: {}", settings.name(), e.toString());
        }
    }

    /** Waits for every operation in flight, then closes every statement and connection. */
    @Override
    public void close() {
        closed = true;
        long stamp = gate.writeLock();
        try {
            writerLock.lock();
            try {
                closeAll(writer);
                writer = null;
            } finally {
                writerLock.unlock();
            }
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    private void closeAll(SqlSession writerSession) {
        // Readers first: the last connection to close checkpoints SQLite's log into the file and removes it
        for (SqlSession reader = idleReaders.poll(); reader != null; reader = idleReaders.poll()) {
            closeQuietly(reader);
        }
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
