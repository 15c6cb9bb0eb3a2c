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
import io.stowage.spi.BackendMutation;
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

    /**
     * Keywords, mixed case, quotes and semicolons name tables exactly as written, each its own (PostgreSQL tells
     * {@code Orders} from {@code orders} when quoted), in a schema created if missing; reopened, each has its data.
     */
    @Test
    void keywordsAndMixedCaseNameTablesOfTheirOwnAsWritten() throws IOException {
        String schema = "Shop Floor";
        List<String> tables = List.of("order", "select", "user", "Orders", "orders", "a\"b", "x; DROP TABLE y");
        for (String table : tables) {
            SqlBackend backend = open(schema, table, Loggers.silent());
            try {
                backend.write(List.of(BackendMutation.put(b("a"), b(table), 0), BackendMutation.put(b("b"), b("2"), 0),
                        BackendMutation.put(b("c"), b("3"), 0)));
                assertTrue(backend.replace(b("b"), b("2"), b("two"), 0));
                assertTrue(backend.putIfAbsent(b("d"), b("4"), 0));
                assertEquals("3", new String(backend.delete(b("c")), UTF_8));
                assertEquals(List.of("a", "b", "d"), backend.scan(b("a"), null, 10).stream()
                        .map(entry -> new String(entry.key(), UTF_8)).toList());
            } finally {
                backend.close();
            }
        }
        for (String table : tables) {
            SqlBackend reopened = open(schema, table, Loggers.silent());
            try {
                assertEquals(table, new String(reopened.get(b("a")), UTF_8));
            } finally {
                reopened.close();
            }
        }
        assertEquals(String.join("\n", "Orders|1", "a\"b|1", "order|1", "orders|1", "select|1", "user|1",
                "x; DROP TABLE y|1"), server.sql("SELECT t.tablename, f.layout FROM pg_tables t "
                + "JOIN \"Shop Floor\".stowage_format f ON f.table_name = t.tablename "
                + "WHERE t.schemaname = 'Shop Floor' ORDER BY t.tablename COLLATE \"C\""));
        assertEquals("order", server.sql("SELECT convert_from(v, 'UTF8') FROM \"Shop Floor\".\"order\" "
                + "WHERE k = 'a'::bytea"));
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
