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
 * A server that accepts connections but stops answering (every process of the test's own cluster stopped with
 * SIGSTOP): reads and writes fail with BackendUnavailableException within the socket timeout, and once the server
 * answers again they succeed with no action; every acknowledged write is there.
 */
class PostgresHangTest {

    private static final int BUSY_TIMEOUT_MILLIS = 1_000;
    /** Under load a failure may come a little after the socket timeout; never a whole timeout later. */
    private static final long SLACK_MILLIS = 2_000;

    private PostgresServer server;
    private SqlSettings settings;
    private SqlBackend backend;

    @BeforeEach
    void start() throws IOException {
        server = PostgresServer.start();
        settings = new SqlSettings("hang", new PostgresTarget(server.jdbcUrl(), PostgresServer.USER, "", "public"),
                "entries", SyncMode.DURABLE, BUSY_TIMEOUT_MILLIS, 2);
        backend = SqlBackend.outsideFramework(settings, Loggers.silent());
    }

    @AfterEach
    void stop() throws IOException {
        try {
            backend.close();
        } finally {
            server.close();
        }
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(UTF_8);
    }

    @Test
    void aServerThatStopsAnsweringFailsOperationsTypedInTimeAndTheyRecoverWhenItAnswers() throws Exception {
        backend.put(key(0), key(0), 0);
        long boundMillis = PostgresDialect.socketTimeoutSeconds(settings) * 1_000L + SLACK_MILLIS;
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Operations writes = new Operations();
        Operations gets = new Operations();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 1; running.get(); i++) {
                int n = i;
                if (writes.run(boundMillis, () -> backend.put(key(n), key(n), 0))) {
                    acknowledged.add(n);
                }
            }
        }, "hang writer");
        Thread reader = new Thread(() -> {
            while (running.get()) {
                if (gets.run(boundMillis, () -> assertArrayEquals(key(0), backend.get(key(0))))) {
                    reads.incrementAndGet();
                }
            }
        }, "hang reader");
        writer.start();
        reader.start();
        try {
            Await.until("writes and reads before the hang", 60,
                    () -> acknowledged.size() >= 50 && reads.get() >= 50);
            server.freeze();
            Await.until("two typed failures of writes and of reads while the server does not answer", 60,
                    () -> writes.typed.get() >= 2 && gets.typed.get() >= 2);
            server.thaw();
            int writtenBefore = acknowledged.size();
            int readBefore = reads.get();
            Await.until("writes and reads once the server answers again, with no action", 60,
                    () -> acknowledged.size() >= writtenBefore + 50 && reads.get() >= readBefore + 50);
        } finally {
            running.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (Operations operations : List.of(writes, gets)) {
            assertEquals(List.of(), operations.untyped);
            assertEquals(Map.of(), operations.slow, "failures that took longer than " + boundMillis + " ms");
        }
        assertTrue(writes.messages.stream().anyMatch(m -> m.contains("'hang'") && m.contains("did not answer")),
                "a write's failure says the server did not answer: " + writes.messages);
        SqlBackend reopened = SqlBackend.outsideFramework(settings, Loggers.silent());
        try {
            for (int i : acknowledged) {
                assertArrayEquals(key(i), reopened.get(key(i)), "acknowledged write " + i);
            }
        } finally {
            reopened.close();
        }
    }

    /** What one thread's operations did: typed failures, how long the slow ones took, anything else thrown. */
    private static final class Operations {
        final AtomicInteger typed = new AtomicInteger();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final Map<Long, Long> slow = new ConcurrentHashMap<>();
        final List<Throwable> untyped = new CopyOnWriteArrayList<>();

        /** Runs the operation; true if it succeeded. */
        boolean run(long boundMillis, Runnable operation) {
            long started = System.nanoTime();
            try {
                operation.run();
                return true;
            } catch (BackendUnavailableException e) {
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (tookMillis > boundMillis) {
                    slow.put(started, tookMillis);
                }
                messages.add(e.getMessage());
                typed.incrementAndGet();
            } catch (RuntimeException | Error e) {
                untyped.add(e);
            }
            return false;
        }
    }
}
