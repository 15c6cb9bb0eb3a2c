package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * {@code writeIf} against a redis-server and a three-master cluster of the class's own, on each client: conditions on
 * one key and on ranges read through the store's index, the deadline (also the server's own check, by running the
 * script directly), mutations applied as a batch applies them, nothing changed when anything fails, and concurrent
 * read-modify-write loops that lose no update.
 */
class RedisConditionalWriteTest {

    private static final long NONE = Long.MAX_VALUE;

    @TempDir
    static Path folder;
    private static RedisServer server;
    private static RedisCluster cluster;
    private RedisSettings settings;
    private RedisBackend backend;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        server = RedisServer.start(folder.resolve("redis"));
        cluster = RedisCluster.start(folder.resolve("cluster"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        cluster.close();
    }


    private void open(Client client, boolean onCluster) throws IOException {
        settings = RedisTargets.emptied(RedisSettings.builder("cw").client(client), onCluster, server, cluster)
                .build();
        backend = new RedisBackend(settings, new TestLogger().logger());
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    /** A key of the store {@code store} in the layout of StoreKeys: the id's length, the id, the key. */
    private static byte[] key(String store, String key) {
        byte[] id = store.getBytes(UTF_8);
        byte[] k = key.getBytes(UTF_8);
        byte[] out = new byte[1 + id.length + k.length];
        out[0] = (byte) id.length;
        System.arraycopy(id, 0, out, 1, id.length);
        System.arraycopy(k, 0, out, 1 + id.length, k.length);
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static BackendEntry entry(String store, String key, String value) {
        return new BackendEntry(key(store, key), bytes(value));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void aConditionOnOneKeyComparesItsValueOrItsAbsence(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        assertTrue(backend.capabilities().contains(Capability.CONDITIONAL_WRITE));
        byte[] a = key("s", "a");
        assertTrue(backend.writeIf(List.of(BackendCondition.value(a, null)),
                List.of(BackendMutation.put(a, bytes("1"), 0)), NONE));
        assertFalse(backend.writeIf(List.of(BackendCondition.value(a, null)),
                List.of(BackendMutation.put(a, bytes("2"), 0)), NONE));
        assertFalse(backend.writeIf(List.of(BackendCondition.value(a, bytes("0"))),
                List.of(BackendMutation.put(a, bytes("2"), 0)), NONE));
        assertArrayEquals(bytes("1"), backend.get(a));
        assertTrue(backend.writeIf(List.of(BackendCondition.value(a, bytes("1"))),
                List.of(BackendMutation.delete(a)), NONE));
        assertNull(backend.get(a));
        assertTrue(backend.scan(key("s", ""), key("s", "\u007f"), 10).isEmpty(), "the delete left the index");
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void aRangeHoldsOnlyWithExactlyItsEntries(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        backend.write(List.of(BackendMutation.put(key("s", "a"), bytes("1"), 0),
                BackendMutation.put(key("s", "b"), bytes("2"), 0), BackendMutation.put(key("s", "c"), bytes("3"), 0)));
        byte[] from = key("s", "a");
        byte[] to = key("s", "c");
        BackendMutation marker = BackendMutation.put(key("s", "m"), bytes("x"), 0);
        List<BackendEntry> exact = List.of(entry("s", "a", "1"), entry("s", "b", "2"));
        assertFalse(backend.writeIf(List.of(BackendCondition.range(from, to, exact.subList(0, 1))), List.of(marker),
                NONE), "a key the condition does not expect");
        assertFalse(backend.writeIf(List.of(BackendCondition.range(from, to,
                List.of(entry("s", "a", "1"), entry("s", "b", "9")))), List.of(marker), NONE), "another value");
        assertFalse(backend.writeIf(List.of(BackendCondition.range(from, to,
                List.of(entry("s", "a", "1"), entry("s", "b", "2"), entry("s", "bb", "4")))), List.of(marker), NONE),
                "a key the range lacks");
        assertNull(backend.get(key("s", "m")));
        assertTrue(backend.writeIf(List.of(BackendCondition.range(from, to, exact)), List.of(marker), NONE));
        assertTrue(backend.writeIf(List.of(BackendCondition.range(key("s", "d"), key("s", "e"), List.of())),
                List.of(), NONE), "an empty range");
        assertFalse(backend.writeIf(List.of(BackendCondition.range(key("s", ""), key("s", "\u007f"), exact)),
                List.of(), NONE), "the whole store holds more");
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void anExpiredEntryIsAbsentAndHasLeftNoTrace(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        byte[] gone = key("s", "gone");
        backend.put(key("s", "live"), bytes("l"), 0);
        backend.put(gone, bytes("g"), System.currentTimeMillis() + 30);
        long until = System.currentTimeMillis() + 5_000;
        while (backend.get(gone) != null && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertNull(backend.get(gone));
        // Its member is still in the index (no scan trimmed it), and must not count
        assertTrue(backend.writeIf(List.of(BackendCondition.range(key("s", ""), key("s", "\u007f"),
                List.of(entry("s", "live", "l"))), BackendCondition.value(gone, null)), List.of(), NONE));
        assertFalse(backend.writeIf(List.of(BackendCondition.value(gone, bytes("g"))), List.of(), NONE));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void aRangeIsReadInPagesPastExpiredMembers(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        List<BackendMutation> puts = new ArrayList<>();
        long soon = System.currentTimeMillis() + 30;
        for (int i = 0; i < 50; i++) {
            puts.add(BackendMutation.put(key("s", "e" + (100 + i)), bytes("x"), soon));
            puts.add(BackendMutation.put(key("s", "l" + (100 + i)), bytes("y"), 0));
        }
        backend.write(puts);
        List<BackendEntry> live = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            live.add(entry("s", "l" + (100 + i), "y"));
        }
        byte[] last = key("s", "e149");
        long until = System.currentTimeMillis() + 5_000;
        while (backend.get(last) != null && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertNull(backend.get(last));
        BackendCondition whole = BackendCondition.range(key("s", ""), key("s", "\u007f"), live);
        assertTrue(backend.writeIf(List.of(whole), List.of(), NONE), "50 expired members, then 50 live ones");
        assertFalse(backend.writeIf(List.of(BackendCondition.range(key("s", ""), key("s", "\u007f"),
                live.subList(0, 1))), List.of(), NONE), "49 more than expected");
        assertFalse(backend.writeIf(List.of(BackendCondition.range(key("s", ""), key("s", "\u007f"),
                live.subList(0, 49))), List.of(), NONE), "one more than expected, at the end");
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void mutationsApplyAsABatchDoesWithTheirExpiry(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        backend.put(key("s", "old"), bytes("o"), 0);
        long expiresAt = System.currentTimeMillis() + 60_000;
        assertTrue(backend.writeIf(List.of(BackendCondition.value(key("s", "old"), bytes("o"))),
                List.of(BackendMutation.put(key("s", "t"), bytes("ttl"), expiresAt),
                        BackendMutation.put(key("s", "p"), bytes("p"), 0), BackendMutation.delete(key("s", "old")),
                        BackendMutation.put(key("s", "p"), bytes("p2"), 0)), NONE));
        List<BackendEntry> all = backend.scan(key("s", ""), key("s", "\u007f"), 10);
        assertEquals(2, all.size());
        assertArrayEquals(key("s", "p"), all.get(0).key());
        assertArrayEquals(bytes("p2"), all.get(0).value(), "the mutations apply in order");
        assertArrayEquals(key("s", "t"), all.get(1).key());
        String ttl = redis(onCluster, key("s", "t"), "PTTL");
        long left = Long.parseLong(ttl.substring(1).trim());
        assertTrue(left > 50_000 && left <= 60_000, "PTTL " + ttl);
        assertEquals(":-1", redis(onCluster, key("s", "p"), "PTTL").trim());
        assertEquals(2, backend.scan(new byte[] {1}, null, 10).size(), "the store is in the catalog");
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void valuesAndKeysAreComparedAsBinary(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        byte[] odd = key("s", "[-+\\(");
        byte[] k = java.util.Arrays.copyOf(odd, odd.length + 2);
        k[k.length - 2] = 0;
        k[k.length - 1] = (byte) 0xFF;
        backend.put(k, value, 0);
        byte[] almost = value.clone();
        almost[255] = (byte) 0xFE;
        assertFalse(backend.writeIf(List.of(BackendCondition.value(k, almost)), List.of(), NONE));
        assertTrue(backend.writeIf(List.of(BackendCondition.value(k, value)), List.of(), NONE));
        BackendCondition range = BackendCondition.range(odd, key("s", "\u007f"), List.of(new BackendEntry(k, value)));
        assertTrue(backend.writeIf(List.of(range), List.of(BackendMutation.put(odd, almost, 0)), NONE));
        assertFalse(backend.writeIf(List.of(range), List.of(BackendMutation.put(odd, value, 0)), NONE),
                "the range now holds the key written too");
        assertArrayEquals(almost, backend.get(odd));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void aPassedDeadlineChangesNothingOnEitherClock(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        byte[] a = key("s", "a");
        long past = System.currentTimeMillis() - 1;
        assertFalse(backend.writeIf(List.of(), List.of(BackendMutation.put(a, bytes("1"), 0)), past));
        assertTrue(backend.writeIf(List.of(), List.of(BackendMutation.put(a, bytes("1"), 0)),
                System.currentTimeMillis() + 60_000));
        // The script alone, as a client whose clock lags the server's would send it
        RedisConditionalWrite write = new RedisConditionalWrite(new RedisKeyLayout(settings.keyPrefix), onCluster);
        write.require(BackendCondition.value(a, bytes("1")));
        write.apply(BackendMutation.put(a, bytes("2"), 0), new byte[] {'0'});
        try (RedisLink link = RedisLink.open(settings, new RedisFailures(settings))) {
            byte[] noStream = {'0'};
            byte[] values = {'1'};
            assertEquals(0L, link.evalLong(RedisScript.WRITE_IF, write.keys(), write.args(noStream, values, past)));
            assertArrayEquals(bytes("1"), backend.get(a));
            assertEquals(1L, link.evalLong(RedisScript.WRITE_IF, write.keys(), write.args(noStream, values,
                    past + 60_000)));
            assertArrayEquals(bytes("2"), backend.get(a));
        }
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void onlyTheStoreOfTheConditionsIsReachedOnACluster(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        List<BackendCondition> conditions = List.of(BackendCondition.value(key("s", "a"), null));
        List<BackendMutation> elsewhere = List.of(BackendMutation.put(key("t", "a"), bytes("1"), 0));
        if (onCluster) {
            assertThrows(IllegalArgumentException.class, () -> backend.writeIf(conditions, elsewhere, NONE));
            assertNull(backend.get(key("t", "a")));
        } else {
            assertTrue(backend.writeIf(conditions, elsewhere, NONE), "one server reaches every store in one script");
        }
        assertThrows(IllegalArgumentException.class, () -> backend.writeIf(List.of(BackendCondition.range(
                key("s", ""), key("t", "a"), List.of())), List.of(), NONE), "a range reaching into the next store");
        assertTrue(backend.writeIf(List.of(BackendCondition.range(key("s", ""), key("t", ""), List.of())), List.of(),
                NONE), "a range up to the next store is the whole store");
        assertTrue(backend.writeIf(List.of(), List.of(), NONE), "nothing to check or write");
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void concurrentIncrementsLoseNoUpdate(Client client, boolean onCluster) throws Exception {
        open(client, onCluster);
        byte[] counter = key("s", "counter");
        int threads = 4;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                conflicts.add(pool.submit(() -> {
                    int lost = 0;
                    for (int done = 0; done < perThread;) {
                        byte[] seen = backend.get(counter);
                        long next = seen == null ? 1 : Long.parseLong(new String(seen, UTF_8)) + 1;
                        if (backend.writeIf(List.of(BackendCondition.value(counter, seen)),
                                List.of(BackendMutation.put(counter, bytes(Long.toString(next)), 0)), NONE)) {
                            done++;
                        } else {
                            lost++;
                        }
                    }
                    return lost;
                }));
            }
            for (Future<Integer> f : conflicts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(bytes(Integer.toString(threads * perThread)), backend.get(counter));
    }

    /** One command on the key, sent to the server or to the master that holds the key's slot (found by MOVED). */
    private String redis(boolean onCluster, byte[] key, String command) throws IOException {
        RedisKeyLayout layout = new RedisKeyLayout(settings.keyPrefix);
        String dataKey = new String(layout.dataKey(key), UTF_8);
        if (!onCluster) {
            return server.command(command, dataKey);
        }
        for (RedisServer master : cluster.masters()) {
            String reply = master.command(command, dataKey);
            if (!reply.startsWith("-MOVED")) {
                return reply;
            }
        }
        throw new IOException("no master holds " + dataKey);
    }
}
