package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stowage.api.StorageException;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * The password appears nowhere: not in the backend's log lines, not in the client's own logs even at their most
 * detailed level (slf4j and Netty logging go to java.util.logging here), not in any exception message; on each
 * client.
 */
class RedisSecretsTest {

    private static final String PASSWORD = "Zq8-very-secret-7Kp";

    @TempDir
    Path folder;
    private final List<String> clientLog = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " "
                    + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            clientLog.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
    }

    @AfterEach
    void stopCapture() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(Level.INFO);
    }

    /** Everything the client logs up to DEBUG: many lines, none with the password, also when it is refused. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void thePasswordIsNeverLoggedOrShown(Client client) throws IOException {
        Logger.getLogger("").setLevel(Level.FINE);
        TestLogger backendLog = new TestLogger();
        try (RedisServer server = RedisServer.start(folder.resolve("redis"), "--requirepass", PASSWORD)) {
            RedisBackend good = new RedisBackend(settings(client, server.port(), PASSWORD), backendLog.logger());
            try {
                good.put("ns\0s\0k".getBytes(UTF_8), "v".getBytes(UTF_8), 0);
                good.get("ns\0s\0k".getBytes(UTF_8));
            } finally {
                good.close();
            }
            StorageException wrong = assertThrows(StorageException.class,
                    () -> new RedisBackend(settings(client, server.port(), PASSWORD + "-wrong"),
                            backendLog.logger()));
            assertNoPassword(wrong);
        }
        RedisBackend down = new RedisBackend(settings(client, 1, PASSWORD), backendLog.logger());
        try {
            assertNoPassword(assertThrows(StorageException.class, () -> down.get("ns\0s\0k".getBytes(UTF_8))));
        } finally {
            down.close();
        }
        // Lettuce logs each connection's life; Jedis only its failed connections, with their exceptions
        int expected = client == Client.LETTUCE ? 20 : 1;
        assertTrue(clientLog.size() > expected, "the client logged at DEBUG: " + clientLog.size() + " lines");
        assertTrue(backendLog.lines.stream().anyMatch(l -> l.contains("connected")), backendLog.lines.toString());
        for (String line : clientLog) {
            assertFalse(line.contains(PASSWORD), line);
        }
        for (String line : backendLog.lines) {
            assertFalse(line.contains(PASSWORD), line);
        }
    }

    /**
     * At TRACE Lettuce writes out every command as sent, AUTH included: the backend will not authenticate. Jedis logs
     * no command at any level: it authenticates and works, and no line holds the password.
     */
    @ParameterizedTest
    @EnumSource(Client.class)
    void noPasswordIsSentWhileTheWireIsLogged(Client client) throws IOException {
        Logger.getLogger("").setLevel(Level.ALL);
        try (RedisServer server = RedisServer.start(folder.resolve("redis"), "--requirepass", PASSWORD)) {
            if (client == Client.LETTUCE) {
                StorageException refused = assertThrows(StorageException.class,
                        () -> new RedisBackend(settings(client, server.port(), PASSWORD), new TestLogger().logger()));
                assertTrue(refused.getMessage().contains("TRACE"), refused.getMessage());
            } else {
                RedisBackend backend = new RedisBackend(settings(client, server.port(), PASSWORD),
                        new TestLogger().logger());
                try {
                    backend.put("ns\0s\0k".getBytes(UTF_8), "v".getBytes(UTF_8), 0);
                } finally {
                    backend.close();
                }
                // A refused one too, which Jedis logs with its exception
                assertNoPassword(assertThrows(StorageException.class, () -> new RedisBackend(
                        settings(client, server.port(), PASSWORD + "-wrong"), new TestLogger().logger())));
            }
        }
        assertTrue(clientLog.size() > 0);
        for (String line : clientLog) {
            assertFalse(line.contains(PASSWORD), line);
        }
    }

    /**
     * Timeouts long enough that a loaded machine still connects in time: a connection that timed out is only
     * unavailable (the backend starts and retries), while the refused password must fail the start.
     */
    private static RedisSettings settings(Client client, int port, String password) {
        return RedisSettings.builder("secrets").endpoint("127.0.0.1", port).credentials("", password).client(client)
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();
    }

    private static void assertNoPassword(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(PASSWORD), trace.toString());
    }

    @Test
    void settingsNeverPrintThePassword() {
        RedisSettings settings = RedisSettings.builder("secrets").endpoint("127.0.0.1", 6390)
                .credentials("app", PASSWORD).build();
        assertFalse(settings.toString().contains(PASSWORD));
        assertFalse(settings.describe().contains(PASSWORD));
        IllegalArgumentException inUri = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.builder("secrets").uri("redis://app:" + PASSWORD + "@127.0.0.1:6390", 1));
        assertFalse(inUri.getMessage().contains(PASSWORD), inUri.getMessage());
        assertTrue(inUri.getMessage().contains("credentials"), inUri.getMessage());
    }
}
