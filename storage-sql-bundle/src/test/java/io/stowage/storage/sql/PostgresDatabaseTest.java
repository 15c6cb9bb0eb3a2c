package io.stowage.storage.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.spi.BackendEntry;
import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testlog.Loggers;

/** What the PostgreSQL table looks like to the server's own tools (psql), and what the backend refuses to do there. */
class PostgresDatabaseTest {

    private static final String PASSWORD = "Zq8-very-secret-7Kp";
    private static PostgresServer server;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private static SqlBackend open(String schema, String table, Logger logger) {
        return SqlBackend.outsideFramework(new SqlSettings("test", new PostgresTarget(server.jdbcUrl(),
                PostgresServer.USER, "", schema), table, SyncMode.DURABLE, 2_000, 2), logger);
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void keysAreByteaInUnsignedByteOrderAsPsqlSeesThem() throws IOException {
        SqlBackend backend = open("public", "ordered", Loggers.silent());
        try {
            for (int first : new int[] {0xFF, 0x80, 0x7F, 0x00, 0x01, 0xC3}) {
                backend.put(new byte[] {(byte) first}, b("v" + first), 0);
            }
            backend.put(new byte[] {(byte) 0xFF, 0x00}, b("longer"), 1234);
            assertEquals("bytea", server.sql("SELECT data_type FROM information_schema.columns "
                    + "WHERE table_name = 'ordered' AND column_name = 'k'"));
            assertEquals(String.join("\n", "00", "01", "7f", "80", "c3", "ff", "ff00"),
                    server.sql("SELECT encode(k, 'hex') FROM ordered ORDER BY k"));
            assertEquals("longer|1234", server.sql("SELECT convert_from(v, 'UTF8'), expires_at FROM ordered "
                    + "WHERE k = '\\xff00'::bytea"));
            List<BackendEntry> scanned = backend.scan(new byte[] {0x7F}, new byte[] {(byte) 0xFF, 0x00}, 10);
            assertEquals(List.of("v127", "v128", "v195", "v255"), scanned.stream()
                    .map(entry -> new String(entry.value(), UTF_8)).toList());
        } finally {
            backend.close();
        }
    }

    @Test
    void theSchemaIsCreatedIfMissingAndMixedCaseNamesFoldToLowerCase() throws IOException {
        SqlBackend backend = open("shop", "Orders", Loggers.silent());
        backend.put(b("k"), b("v"), 0);
        backend.close();
        assertEquals("shop.orders|1", server.sql("SELECT schemaname || '.' || tablename, "
                + "(SELECT layout FROM shop.stowage_format WHERE table_name = 'orders') FROM pg_tables "
                + "WHERE schemaname = 'shop'  AND tablename <> 'stowage_format'"));
        SqlBackend reopened = open("shop", "ORDERS", Loggers.silent());
        try {
            assertEquals("v", new String(reopened.get(b("k")), UTF_8));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aTableStowageDidNotCreateIsRefusedAndLeftUntouched() throws IOException {
        server.sql("CREATE TABLE foreign_entries (id INTEGER PRIMARY KEY); INSERT INTO foreign_entries VALUES (7)");
        String message = assertThrows(UnsupportedFormatException.class,
                () -> open("public", "foreign_entries", Loggers.silent())).getMessage();
        assertTrue(message.contains("foreign_entries") && message.contains("not created by Stowage"), message);
        assertEquals("7", server.sql("SELECT id FROM foreign_entries"));
    }

    @Test
    void hotCopyIsRefusedNamingTheServersOwnTools() {
        SqlBackend backend = open("public", "copied", Loggers.silent());
        try {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> backend.copyTo(folder.resolve("copy"))).getMessage();
            assertTrue(message.contains("pg_dump") && message.contains("stowage:backup"), message);
            assertFalse(folder.resolve("copy").toFile().exists(), "nothing was prepared for a copy");
        } finally {
            backend.close();
        }
    }

    /** A wrong database fails the login; neither the failure nor any log line carries the password. */
    @Test
    void thePasswordAppearsInNoMessageAndNoLogLine() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger recording = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    logged.add(method.getName() + " " + Arrays.deepToString(args));
                    return method.getReturnType() == String.class ? "recording" : null;
                });
        SqlSettings settings = new SqlSettings("secret", new PostgresTarget(server.jdbcUrl() + "_missing?ssl=false",
                PostgresServer.USER, PASSWORD, "public"), "entries", SyncMode.DURABLE, 2_000, 1);
        BackendUnavailableException refused = assertThrows(BackendUnavailableException.class,
                () -> SqlBackend.outsideFramework(settings, recording));
        StringBuilder everything = new StringBuilder(settings.toString());
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            everything.append(cause).append('\n');
        }
        assertTrue(everything.toString().contains("postgres_missing"), everything.toString());

        SqlBackend backend = SqlBackend.outsideFramework(new SqlSettings("secret", new PostgresTarget(
                server.jdbcUrl(), PostgresServer.USER, PASSWORD, "public"), "entries", SyncMode.DURABLE, 2_000, 1),
                recording);
        backend.close();
        everything.append(logged);
        assertFalse(logged.isEmpty(), "the backend logs its opening and closing");
        assertFalse(everything.toString().contains(PASSWORD), everything.toString());
    }
}
