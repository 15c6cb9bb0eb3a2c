package io.stowage.storage.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testlog.Loggers;

/**
 * DISTRIBUTED: two backend instances on one table, as two Stowage runtimes would have, see each other's writes, and a
 * conditional write in one holds atomically against the other's, even where the condition is about absent keys.
 */
class PostgresSharingTest {

    private static PostgresServer server;
    private final List<SqlBackend> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @AfterEach
    void closeRuntimes() {
        opened.forEach(SqlBackend::close);
    }

    private SqlBackend runtime(String name) {
        SqlBackend backend = SqlBackend.outsideFramework(name, server.jdbcUrl(), PostgresServer.USER, "shared",
                Loggers.silent());
        opened.add(backend);
        return backend;
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void aWriteInOneRuntimeIsReadByTheOther() {
        SqlBackend first = runtime("first");
        SqlBackend second = runtime("second");
        assertTrue(first.capabilities().contains(Capability.DISTRIBUTED));

        first.put(b("shared/greeting"), b("hello"), 0);
        assertArrayEquals(b("hello"), second.get(b("shared/greeting")));
        second.write(List.of(BackendMutation.put(b("shared/a"), b("1"), 0), BackendMutation.put(b("shared/b"), b("2"), 0)));
        assertEquals(List.of("shared/a", "shared/b", "shared/greeting"), first.scan(b("shared/"), b("shared0"), 10)
                .stream().map(entry -> new String(entry.key(), UTF_8)).toList());
        assertArrayEquals(b("hello"), second.delete(b("shared/greeting")));
        assertEquals(null, first.get(b("shared/greeting")));
    }

    /**
     * Each runtime appends the next slot of a range only if the range still holds exactly what it read: were the
     * check and the write not one atomic step, both would take the same slot and one success would be lost.
     */
    @Test
    void conditionsOnARangeHoldAtomicallyAgainstAnotherRuntimesWrites() throws Exception {
        List<SqlBackend> runtimes = List.of(runtime("left"), runtime("right"));
        byte[] from = b("slots/");
        byte[] to = b("slots0");
        int appendsEach = 60;
        ExecutorService threads = Executors.newFixedThreadPool(runtimes.size());
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (SqlBackend runtime : runtimes) {
                attempts.add(threads.submit(() -> {
                    int tries = 0;
                    for (int appended = 0; appended < appendsEach; tries++) {
                        List<BackendEntry> seen = runtime.scan(from, to, Integer.MAX_VALUE);
                        byte[] slot = b(String.format("slots/%05d", seen.size()));
                        if (runtime.writeIf(List.of(BackendCondition.range(from, to, seen)),
                                List.of(BackendMutation.put(slot, b("taken"), 0)), Long.MAX_VALUE)) {
                            appended++;
                        }
                    }
                    return tries;
                }));
            }
            int tries = 0;
            for (Future<Integer> attempt : attempts) {
                tries += attempt.get();
            }
            assertEquals(2 * appendsEach, runtimes.get(0).scan(from, to, Integer.MAX_VALUE).size(),
                    "every acknowledged append has a slot of its own (" + tries + " tries)");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void compareAndSetCountsEveryIncrementOfBothRuntimes() throws Exception {
        List<SqlBackend> runtimes = List.of(runtime("left"), runtime("right"));
        byte[] counter = b("counter");
        runtimes.get(0).put(counter, b("0"), 0);
        int incrementsEach = 100;
        ExecutorService threads = Executors.newFixedThreadPool(runtimes.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SqlBackend runtime : runtimes) {
                done.add(threads.submit(() -> {
                    for (int counted = 0; counted < incrementsEach; ) {
                        byte[] seen = runtime.get(counter);
                        byte[] next = b(Integer.toString(Integer.parseInt(new String(seen, UTF_8)) + 1));
                        if (runtime.replace(counter, seen, next, 0)) {
                            counted++;
                        }
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(Integer.toString(2 * incrementsEach), new String(runtimes.get(1).get(counter), UTF_8));
    }
}
