package io.stowage.storage.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.BackendUnavailableException;
import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testlog.Loggers;

/**
 * A server restart and sessions ended by an administrator: operations fail with BackendUnavailableException within
 * the timeout, the backend recovers with no action once the server is back, and every acknowledged write is there.
 */
class PostgresOutageTest {

    private static final int TIMEOUT_MILLIS = 2_000;

    private PostgresServer server;
    private SqlBackend backend;

    @BeforeEach
    void start() throws IOException {
        server = PostgresServer.start();
        backend = open();
    }

    @AfterEach
    void stop() throws IOException {
        try {
            backend.close();
        } finally {
            server.close();
        }
    }

    private SqlBackend open() {
        return SqlBackend.outsideFramework(new SqlSettings("outage", new PostgresTarget(server.jdbcUrl(),
                PostgresServer.USER, "", "public"), "entries", SyncMode.DURABLE, TIMEOUT_MILLIS, 2), Loggers.silent());
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(UTF_8);
    }

    @Test
    void readsSurviveTerminatedSessionsAndWritesFailTypedOnceThenRecover() throws IOException {
        backend.put(key(1), key(1), 0);
        assertTrue(server.terminateSessions("stowage ") >= 3, "the writer and both readers had sessions");
        // A read that meets its ended session runs again on a new one
        assertArrayEquals(key(1), backend.get(key(1)));
        assertArrayEquals(key(1), backend.get(key(1)));
        try {
            backend.put(key(2), key(2), 0);
        } catch (BackendUnavailableException e) {
            // The writer's ended session: the outcome of a write cannot be known, so it is not repeated
            assertTrue(e.getMessage().contains("'outage'"), e.getMessage());
        }
        backend.put(key(3), key(3), 0);
        assertArrayEquals(key(3), backend.get(key(3)));
    }

    /** A writer keeps writing through terminated sessions and a restart; only typed errors, nothing acknowledged lost. */
    @Test
    void aRestartFailsOperationsTypedWithinTheTimeoutAndLosesNothingAcknowledged() throws Exception {
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        List<Throwable> untyped = new CopyOnWriteArrayList<>();
        AtomicInteger typedFailures = new AtomicInteger();
        ConcurrentHashMap<Integer, Long> slowFailures = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                long started = System.nanoTime();
                try {
                    backend.put(key(i), key(i), 0);
                    acknowledged.add(i);
                } catch (BackendUnavailableException e) {
                    typedFailures.incrementAndGet();
                    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (tookMillis > 2 * TIMEOUT_MILLIS + 1_000) {
                        slowFailures.put(i, tookMillis);
                    }
                } catch (RuntimeException | Error e) {
                    untyped.add(e);
                }
            }
        }, "outage writer");
        writer.start();
        try {
            Await.until("writes before the outage", 30, () -> acknowledged.size() >= 50);
            server.terminateSessions("stowage ");
            int beforeRestart = acknowledged.size();
            Await.until("writes after the sessions ended", 30,
                    () -> acknowledged.size() >= beforeRestart + 50);
            server.stop();
            int failuresBefore = typedFailures.get();
            Await.until("typed failures while the server is down", 30,
                    () -> typedFailures.get() >= failuresBefore + 3);
            server.startServer();
            int afterRestart = acknowledged.size();
            Await.until("writes after the restart, with no action", 30,
                    () -> acknowledged.size() >= afterRestart + 50);
        } finally {
            running.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertEquals(List.of(), untyped);
        assertEquals(Map.of(), slowFailures, "failures that took longer than the timeout allows");
        SqlBackend reopened = open();
        try {
            for (int i : acknowledged) {
                assertArrayEquals(key(i), reopened.get(key(i)), "acknowledged write " + i);
            }
        } finally {
            reopened.close();
        }
    }
}
