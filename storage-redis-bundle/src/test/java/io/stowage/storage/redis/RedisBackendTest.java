package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * The backend against a real redis-server of its own: index, scans, scripts and the keys Redis would misread; each
 * test on each client.
 */
class RedisBackendTest {

    @TempDir
    static Path folder;
    private static RedisServer server;
    private RedisBackend backend;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServer.start(folder.resolve("redis"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private void open(Client client) throws IOException {
        server.command("FLUSHALL");
        backend = RedisBackend.outsideFramework("unit", server.host(), server.port(), client.name(),
                new TestLogger().logger());
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static byte[] key(String namespace, String store, String key) {
        return (namespace + "\0" + store + "\0" + key).getBytes(UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static List<String> keysOf(List<BackendEntry> entries) {
        List<String> keys = new ArrayList<>();
        for (BackendEntry entry : entries) {
            String raw = new String(entry.key(), UTF_8);
            keys.add(raw.substring(raw.lastIndexOf('\0') + 1));
        }
        return keys;
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void writesAndReadsValues(Client client) throws Exception {
        open(client);
        byte[] k = key("ns", "s", "a");
        backend.put(k, bytes("1"), 0);
        assertArrayEquals(bytes("1"), backend.get(k));
        assertFalse(backend.putIfAbsent(k, bytes("2"), 0));
        assertTrue(backend.replace(k, bytes("1"), bytes("3"), 0));
        assertFalse(backend.replace(k, bytes("1"), bytes("4"), 0));
        assertArrayEquals(bytes("3"), backend.delete(k));
        assertNull(backend.get(k));
        assertNull(backend.delete(k));
        assertTrue(backend.putIfAbsent(k, bytes("5"), 0));
        assertTrue(backend.replace(k, bytes("5"), null, 0));
        assertNull(backend.get(k));
        assertTrue(backend.scan(key("ns", "s", ""), key("ns", "s\1", ""), 10).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void keysThatAreRedisRangeSyntaxAreScannedLiterally(Client client) throws Exception {
        open(client);
        List<String> odd = List.of("+", "-", "[", "(", "[a", "]", "\\", "*", "?", "a-b", "a+", "\\[x]");
        for (String k : odd) {
            backend.put(key("ns", "s", k), bytes(k), 0);
        }
        List<String> sorted = new ArrayList<>(odd);
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(bytes(a), bytes(b)));
        assertEquals(sorted, keysOf(backend.scan(key("ns", "s", ""), key("ns", "s\1", ""), 100)));
        assertEquals(List.of("[", "[a"), keysOf(backend.scan(key("ns", "s", "["), key("ns", "s", "\\"), 100)));
        assertEquals(List.of("-"), keysOf(backend.scan(key("ns", "s", "-"), key("ns", "s", "."), 100)));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void scansAcrossStoresInKeyOrderWithKeysOutsideStores(Client client) throws Exception {
        open(client);
        byte[] meta = {0, 'f', 'o', 'r', 'm', 'a', 't'};
        backend.put(meta, bytes("m"), 0);
        backend.put(key("b", "s", "1"), bytes("b1"), 0);
        backend.put(key("a", "t", "1"), bytes("at1"), 0);
        backend.put(key("a", "s", "2"), bytes("as2"), 0);
        backend.put(key("a", "s", "1"), bytes("as1"), 0);
        List<BackendEntry> all = backend.scan(new byte[] {0}, null, 100);
        assertEquals(5, all.size());
        assertArrayEquals(meta, all.get(0).key());
        assertArrayEquals(key("a", "s", "1"), all.get(1).key());
        assertArrayEquals(key("a", "s", "2"), all.get(2).key());
        assertArrayEquals(key("a", "t", "1"), all.get(3).key());
        assertArrayEquals(key("b", "s", "1"), all.get(4).key());
        assertEquals(2, backend.scan(key("a", "s", "2"), null, 2).size());
        assertArrayEquals(key("a", "t", "1"), backend.scan(key("a", "s", "2"), null, 2).get(1).key());
        assertEquals(3, backend.scan(bytes("a\0"), bytes("a\1"), 100).size());
        assertEquals(1, backend.scan(new byte[] {1}, null, 1).size());
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void expiredKeysLeaveTheIndexOnRead(Client client) throws Exception {
        open(client);
        for (int i = 0; i < 40; i++) {
            backend.put(key("ns", "s", "k" + (100 + i)), bytes("v"), i % 2 == 0 ? System.currentTimeMillis() + 50 : 0);
        }
        Thread.sleep(200);
        List<BackendEntry> live = backend.scan(key("ns", "s", ""), key("ns", "s\1", ""), 100);
        assertEquals(20, live.size());
        assertEquals(20, backend.scan(key("ns", "s", ""), key("ns", "s\1", ""), 20).size());
        String indexes = server.command("KEYS", "stowage:*i");
        String index = indexes.lines().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
        assertEquals(":20", server.command("ZCARD", index));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void batchesApplyEveryMutationAndReadBackInOneCall(Client client) throws Exception {
        open(client);
        backend.put(key("ns", "s", "gone"), bytes("x"), 0);
        backend.write(List.of(BackendMutation.put(key("ns", "s", "a"), bytes("1"), 0),
                BackendMutation.put(key("ns", "t", "b"), bytes("2"), 0),
                BackendMutation.delete(key("ns", "s", "gone"))));
        List<byte[]> values = backend.getAll(List.of(key("ns", "s", "a"), key("ns", "t", "b"),
                key("ns", "s", "gone")));
        assertArrayEquals(bytes("1"), values.get(0));
        assertArrayEquals(bytes("2"), values.get(1));
        assertNull(values.get(2));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void scriptsAreSentAgainAfterTheServerForgotThem(Client client) throws IOException {
        open(client);
        backend.put(key("ns", "s", "a"), bytes("1"), 0);
        server.command("SCRIPT", "FLUSH");
        backend.put(key("ns", "s", "b"), bytes("2"), 0);
        assertEquals(2, backend.scan(key("ns", "s", ""), null, 10).size());
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void closingEndsEveryThreadAndConnection(Client client) throws Exception {
        open(client);
        RedisBackend second = RedisBackend.outsideFramework("second", server.host(), server.port(), client.name(),
                new TestLogger().logger());
        second.put(key("ns", "s", "a"), bytes("1"), 0);
        assertTrue(clients() >= 2, "two backends connected");
        second.close();
        backend.close();
        assertEquals(1, clients(), "only the connection that counts remains");
        long deadline = System.currentTimeMillis() + 5_000;
        while (clientThreads() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, clientThreads(), "client threads left: " + Thread.getAllStackTraces().keySet());
        backend = null;
    }

    private static long clients() throws IOException {
        return server.command("CLIENT", "LIST").lines().filter(l -> l.startsWith("id=")).count();
    }

    /** Lettuce's threads, and the evictor commons-pool2 would start for Jedis's pools. */
    static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("lettuce-") || t.getName().startsWith("commons-pool"))
                .count();
    }
}
