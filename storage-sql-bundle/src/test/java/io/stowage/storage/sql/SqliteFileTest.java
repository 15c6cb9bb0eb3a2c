package io.stowage.storage.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.testlog.Loggers;

/** What the SQLite file looks like to others: the sqlite3 shell, a second process's lock, a copy, a foreign file. */
class SqliteFileTest {

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("test.db");
    }

    private SqlBackend open() {
        return SqlBackend.outsideFramework("test", file(), Loggers.silent());
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the sqlite3 shell on the file, as an operator would; fails with its error output if it fails. */
    private static String sqlite3(Path file, String sql) throws IOException, InterruptedException {
        Process shell;
        try {
            shell = new ProcessBuilder("sqlite3", file.toString(), sql).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the sqlite3 shell is needed (Debian package sqlite3; .ci/run installs it)", e);
        }
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS), "sqlite3 did not end");
        assertEquals(0, shell.exitValue(), "sqlite3 " + sql + ": " + output);
        return output;
    }

    @Test
    void theFileOpensInTheSqliteShellInWalModeWithKeysInUnsignedByteOrder() throws Exception {
        SqlBackend backend = open();
        try {
            for (int first : new int[] {0xFF, 0x80, 0x7F, 0x00, 0x01, 0xC3}) {
                backend.put(new byte[] {(byte) first}, b("v" + first), 0);
            }
            backend.put(new byte[] {(byte) 0xFF, 0x00}, b("longer"), 1234);
            // Read while the backend holds the file open: WAL lets another process read beside it
            assertEquals("wal", sqlite3(file(), "PRAGMA journal_mode"));
            assertEquals(String.join("\n", "00", "01", "7F", "80", "C3", "FF", "FF00"),
                    sqlite3(file(), "SELECT hex(k) FROM stowage_entries ORDER BY k"));
            assertEquals("longer|1234", sqlite3(file(), "SELECT v, expires_at FROM stowage_entries WHERE k = x'FF00'"));
            List<BackendEntry> scanned = backend.scan(new byte[] {0x7F}, new byte[] {(byte) 0xFF, 0x00}, 10);
            assertEquals(List.of("v127", "v128", "v195", "v255"), scanned.stream()
                    .map(entry -> new String(entry.value(), StandardCharsets.UTF_8)).toList());
        } finally {
            backend.close();
        }
        assertEquals("stowage_entries|1", sqlite3(file(), "SELECT table_name, layout FROM stowage_format"));
        assertEquals("ok", sqlite3(file(), "PRAGMA integrity_check"));
    }

    private SqlBackend openTable(String table) {
        return SqlBackend.outsideFramework(new SqlSettings("test", file(), table, SyncMode.DURABLE, 5_000, 2),
                Loggers.silent());
    }

    /**
     * Keywords, quotes and mixed case name tables as written; SQLite takes names that differ only in case for one
     * table, so {@code MIXED case} opens the data of {@code Mixed Case}, as the sqlite3 shell sees it.
     */
    @Test
    void keywordsAndMixedCaseNameTablesAsWrittenAndSqliteIgnoresTheirCase() throws Exception {
        List<String> tables = List.of("order", "select", "user", "Mixed Case", "a\"b", "x; DROP TABLE y");
        for (String table : tables) {
            SqlBackend backend = openTable(table);
            try {
                backend.write(List.of(BackendMutation.put(b("a"), b(table), 0), BackendMutation.put(b("b"), b("2"), 0),
                        BackendMutation.put(b("c"), b("3"), 0)));
                assertTrue(backend.replace(b("b"), b("2"), b("two"), 0));
                assertTrue(backend.putIfAbsent(b("d"), b("4"), 0));
                assertArrayEquals(b("3"), backend.delete(b("c")));
                assertEquals(List.of("a", "b", "d"), backend.scan(b("a"), null, 10).stream()
                        .map(entry -> new String(entry.key(), StandardCharsets.UTF_8)).toList());
            } finally {
                backend.close();
            }
        }
        SqlBackend sameTable = openTable("MIXED case");
        try {
            assertArrayEquals(b("Mixed Case"), sameTable.get(b("a")));
            sameTable.put(b("e"), b("5"), 0);
        } finally {
            sameTable.close();
        }
        assertEquals(String.join("\n", "Mixed Case|1", "a\"b|1", "order|1", "select|1", "user|1",
                "x; DROP TABLE y|1"), sqlite3(file(), "SELECT m.name, f.layout FROM sqlite_master m "
                + "JOIN stowage_format f ON f.table_name = m.name WHERE m.type = 'table' ORDER BY m.name"));
        assertEquals("5", sqlite3(file(), "SELECT v FROM \"mixed case\" WHERE k = CAST('e' AS BLOB)"));
        for (String table : tables) {
            SqlBackend reopened = openTable(table);
            try {
                assertArrayEquals(b(table), reopened.get(b("a")));
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void aWriteWaitsForAnotherWritersLockAsLongAsTheBusyTimeoutThenFailsNamingIt() throws Exception {
        SqlBackend backend = SqlBackend.outsideFramework(new SqlSettings("test", file(), "stowage_entries",
                SyncMode.DURABLE, 300, 2), Loggers.silent());
        try (Connection other = new SQLiteConfig().createConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            backend.put(b("k"), b("before"), 0);
            statement.execute("BEGIN IMMEDIATE");
            long started = System.nanoTime();
            BackendUnavailableException busy = assertThrows(BackendUnavailableException.class,
                    () -> backend.put(b("k"), b("during"), 0));
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(300), "waited the busy timeout");
            assertTrue(busy.getMessage().contains("busyTimeoutMillis (300 ms)"), busy.getMessage());
            // Readers do not wait for the writer
            assertArrayEquals(b("before"), backend.get(b("k")));
            statement.execute("ROLLBACK");
            backend.put(b("k"), b("after"), 0);
            assertArrayEquals(b("after"), backend.get(b("k")));
        } finally {
            backend.close();
        }
    }

    @Test
    void aHotCopyTakenWhileWritingOpensAsABackendWithTheData() throws Exception {
        SqlBackend backend = open();
        Path copyFolder = folder.resolve("copy");
        try {
            List<BackendMutation> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(BackendMutation.put(b(String.format("k%04d", i)), b("v" + i), 0));
            }
            backend.write(batch);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    backend.put(b("later" + i), b("x"), 0);
                }
            });
            writer.start();
            backend.copyTo(copyFolder);
            writer.join();
            Files.writeString(folder.resolve("stray"), "x");
            assertThrows(IllegalArgumentException.class, () -> backend.copyTo(folder));
        } finally {
            backend.close();
        }
        SqlBackend copy = SqlBackend.outsideFramework("copy", copyFolder.resolve("test.db"), Loggers.silent());
        try {
            assertEquals(500, copy.scan(b("k"), b("l"), 1000).size());
            assertArrayEquals(b("v499"), copy.get(b("k0499")));
        } finally {
            copy.close();
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws Exception {
        Files.writeString(file(), "not a database, but somebody's notes; ".repeat(100));
        byte[] before = Files.readAllBytes(file());
        UnsupportedFormatException refused = assertThrows(UnsupportedFormatException.class, this::open);
        assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void aTableStowageDidNotCreateOrOfAnotherLayoutIsRefusedAndLeftUntouched() throws Exception {
        sqlite3(file(), "CREATE TABLE stowage_entries (k BLOB PRIMARY KEY, v BLOB); INSERT INTO stowage_entries "
                + "VALUES (x'01', x'02')");
        String foreign = assertThrows(UnsupportedFormatException.class, this::open).getMessage();
        assertTrue(foreign.contains("was not created by Stowage"), foreign);
        assertEquals("01|02", sqlite3(file(), "SELECT hex(k), hex(v) FROM stowage_entries"));

        sqlite3(file(), "CREATE TABLE stowage_format (table_name VARCHAR(63) PRIMARY KEY, layout INTEGER); "
                + "INSERT INTO stowage_format VALUES ('stowage_entries', 2)");
        String newer = assertThrows(UnsupportedFormatException.class, this::open).getMessage();
        assertTrue(newer.contains("layout version 2"), newer);
        assertEquals("01|02", sqlite3(file(), "SELECT hex(k), hex(v) FROM stowage_entries"));
    }

    @Test
    void closeReleasesEveryFileAndStartsNoThread() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
        open().close(); // the first open loads the native library, which stays mapped
        Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        for (int round = 0; round < 5; round++) {
            SqlBackend backend = open();
            backend.put(b("k" + round), b("v"), 0);
            backend.write(List.of(BackendMutation.put(b("b" + round), b("v"), 0)));
            backend.getAll(List.of(b("k0"), b("b0")));
            backend.scan(new byte[] {0}, null, 10);
            assertFalse(openFilesOf(fds, file()).isEmpty(), "the open backend holds its file");
            backend.close();
            assertEquals(List.of(), openFilesOf(fds, file()), "files still open after close, round " + round);
        }
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(threadsBefore);
        started.removeIf(thread -> !thread.isAlive());
        assertEquals(Set.of(), started, "threads left by 5 open/use/close rounds");
        // The last close checkpointed the log into the file and removed it
        assertFalse(Files.exists(Path.of(file() + "-wal")), "the WAL file is left after close");
        SqlBackend reopened = open();
        try {
            assertNull(reopened.get(b("absent")));
            assertArrayEquals(b("v"), reopened.get(b("b4")));
        } finally {
            reopened.close();
        }
    }

    /** The targets of this process's file descriptors that are the database or its -wal and -shm files. */
    private static List<String> openFilesOf(Path fds, Path database) throws IOException {
        List<String> open = new ArrayList<>();
        try (var entries = Files.list(fds)) {
            for (Path fd : entries.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(database.toString())) {
                        open.add(target);
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // the descriptor of the listing itself, closed by now
                }
            }
        }
        return open;
    }
}
