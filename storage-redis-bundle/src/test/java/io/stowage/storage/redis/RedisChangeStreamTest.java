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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.stowage.api.ChangeKind;
import io.stowage.spi.BackendChange;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Change streams (changeStreamLength > 0): every write that changes a key records exactly one entry in its store's
 * stream, in the same script, in commit order; nothing else does; streams are trimmed to about their length and never
 * show up among a store's keys. On both clients, on one server and on a Redis Cluster.
 */
class RedisChangeStreamTest {

    private static final long NONE = Long.MAX_VALUE;
    private static final byte[] STORE = {1, 'a'};
    private static final byte[] OTHER = {1, 'b'};

    @TempDir
    static Path folder;
    private static RedisServer server;
    private static RedisCluster cluster;
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


    private void open(Client client, boolean onCluster, int streamLength, boolean values) throws IOException {
        RedisSettings.Builder builder = RedisSettings.builder("streams").client(client)
                .changeStream(streamLength, values);
        backend = new RedisBackend(RedisTargets.emptied(builder, onCluster, server, cluster).build(),
                new TestLogger().logger());
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static byte[] key(byte[] store, String key) {
        return RedisKeyLayout.concat(store, key.getBytes(UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** The stream's entries as "kind key=value", the key without its store prefix. */
    private static List<String> described(List<BackendChange> changes) {
        List<String> described = new ArrayList<>();
        for (BackendChange change : changes) {
            String key = new String(change.key(), 2, change.key().length - 2, UTF_8);
            described.add(change.kind() + " " + key + (change.value() == null ? "" : "=" + new String(change.value(),
                    UTF_8)));
        }
        return described;
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void everyWriteThatChangesAKeyRecordsOneEntryInItsOrder(Client client, boolean onCluster) throws Exception {
        open(client, onCluster, 1000, true);
        assertTrue(backend.capabilities().contains(Capability.CHANGE_STREAM));
        backend.put(key(STORE, "a"), bytes("1"), 0);
        assertTrue(backend.putIfAbsent(key(STORE, "b"), bytes("2"), 0));
        assertFalse(backend.putIfAbsent(key(STORE, "b"), bytes("x"), 0));
        assertTrue(backend.replace(key(STORE, "a"), bytes("1"), bytes("3"), System.currentTimeMillis() + 60_000));
        assertFalse(backend.replace(key(STORE, "a"), bytes("1"), bytes("x"), 0));
        assertTrue(backend.replace(key(STORE, "a"), bytes("3"), null, 0));
        assertArrayEquals(bytes("2"), backend.delete(key(STORE, "b")));
        assertNull(backend.delete(key(STORE, "b")));
        backend.write(List.of(BackendMutation.put(key(STORE, "c"), bytes("4"), 0),
                BackendMutation.put(key(STORE, "d"), bytes("5"), 0), BackendMutation.delete(key(STORE, "c")),
                BackendMutation.delete(key(STORE, "absent"))));
        assertTrue(backend.writeIf(List.of(BackendCondition.value(key(STORE, "e"), null)),
                List.of(BackendMutation.put(key(STORE, "e"), bytes("6"), 0), BackendMutation.delete(key(STORE, "d"))),
                NONE));
        assertFalse(backend.writeIf(List.of(BackendCondition.value(key(STORE, "e"), null)),
                List.of(BackendMutation.put(key(STORE, "e"), bytes("x"), 0)), NONE));
        // The kernel's metadata (first byte 0) and another store record nothing here
        backend.put(new byte[] {0, 'm'}, bytes("meta"), 0);
        backend.put(key(OTHER, "z"), bytes("7"), 0);

        List<BackendChange> changes = backend.latestChanges(STORE, 100);
        assertEquals(List.of("PUT a=1", "PUT b=2", "PUT a=3", "DELETE a", "DELETE b", "PUT c=4", "PUT d=5",
                "DELETE c", "PUT e=6", "DELETE d"), described(changes));
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).position() > changes.get(i - 1).position(), "positions increase");
        }
        assertEquals(described(changes.subList(3, changes.size())),
                described(backend.changesAfter(STORE, changes.get(2).position(), 100, 0)));
        assertEquals(described(changes.subList(0, 4)), described(backend.changesAfter(STORE, -1, 4, 0)));
        assertEquals(List.of(), backend.changesAfter(STORE, changes.get(changes.size() - 1).position(), 100, 0));
        assertEquals(List.of("PUT z=7"), described(backend.latestChanges(OTHER, 10)));
        assertEquals(described(changes.subList(8, 10)), described(backend.latestChanges(STORE, 2)));
        assertEquals(-1, backend.lastDroppedChange(STORE));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void entriesFollowCommitOrderUnderConcurrentCompareAndSets(Client client, boolean onCluster) throws Exception {
        open(client, onCluster, 10_000, true);
        byte[] counter = key(STORE, "counter");
        backend.put(counter, bytes("0"), 0);
        int perThread = 200;
        Runnable increments = () -> {
            for (int done = 0; done < perThread;) {
                byte[] current = backend.get(counter);
                byte[] next = bytes(Integer.toString(Integer.parseInt(new String(current, UTF_8)) + 1));
                if (backend.replace(counter, current, next, 0)) {
                    done++;
                }
            }
        };
        CompletableFuture<Void> first = CompletableFuture.runAsync(increments);
        CompletableFuture<Void> second = CompletableFuture.runAsync(increments);
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 2 * perThread; i++) {
            expected.add("PUT counter=" + i);
        }
        assertEquals(expected, described(backend.latestChanges(STORE, 10_000)));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void streamsAreTrimmedToAboutTheirLength(Client client, boolean onCluster) throws Exception {
        open(client, onCluster, 10, false);
        List<BackendMutation> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(BackendMutation.put(key(STORE, "k" + i), bytes("v"), 0));
            if (batch.size() == 100) {
                backend.write(batch);
                batch.clear();
            }
        }
        List<BackendChange> kept = backend.latestChanges(STORE, 2000);
        // MAXLEN ~ trims whole stream nodes (100 entries by default): about 10, never fewer
        assertTrue(kept.size() >= 10 && kept.size() <= 200, "kept " + kept.size());
        assertEquals("PUT k999", described(kept).get(kept.size() - 1), "no values kept: changeStreamValues false");
        long dropped = backend.lastDroppedChange(STORE);
        assertTrue(dropped > 0 && dropped < kept.get(0).position(), "dropped up to " + dropped);
        assertEquals(described(kept), described(backend.changesAfter(STORE, dropped, 2000, 0)));
    }

    @ParameterizedTest
    @MethodSource(RedisTargets.SETUPS)
    void streamKeysNeverShowAmongTheStoresKeys(Client client, boolean onCluster) throws Exception {
        open(client, onCluster, 100, true);
        backend.put(key(STORE, "a"), bytes("1"), 0);
        backend.put(key(STORE, "s"), bytes("2"), 0);
        backend.put(key(OTHER, "b"), bytes("3"), 0);
        backend.delete(key(OTHER, "b"));
        List<String> all = new ArrayList<>();
        for (BackendEntry entry : backend.scan(new byte[] {1}, null, 100)) {
            all.add(new String(entry.key(), UTF_8));
        }
        assertEquals(List.of("\u0001aa", "\u0001as"), all);
        assertEquals(2, backend.scan(STORE, RedisKeyLayout.groupEnd(STORE), 100).size());
        assertEquals(0, backend.scan(OTHER, RedisKeyLayout.groupEnd(OTHER), 100).size());
        assertEquals(List.of("DELETE b"), described(backend.latestChanges(OTHER, 10)).subList(1, 2));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void noStreamIsKeptWhenTheLengthIsZero(Client client) throws Exception {
        open(client, false, 0, true);
        assertFalse(backend.capabilities().contains(Capability.CHANGE_STREAM));
        backend.put(key(STORE, "a"), bytes("1"), 0);
        backend.write(List.of(BackendMutation.put(key(STORE, "b"), bytes("2"), 0)));
        backend.delete(key(STORE, "a"));
        String keys = server.command("KEYS", "*");
        assertFalse(Arrays.stream(keys.split("\n")).anyMatch(k -> k.endsWith("}s")), keys);
        assertThrows(UnsupportedOperationException.class, () -> backend.changesAfter(STORE, -1, 10, 0));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aWaitingReaderGetsTheNextChangeWhenItComes(Client client) throws Exception {
        open(client, false, 100, true);
        backend.put(key(STORE, "a"), bytes("1"), 0);
        long last = backend.latestChanges(STORE, 1).get(0).position();
        CompletableFuture<List<BackendChange>> waiting = CompletableFuture.supplyAsync(
                () -> backend.changesAfter(STORE, last, 10, 30_000));
        backend.put(key(STORE, "b"), bytes("2"), 0);
        assertEquals(List.of("PUT b=2"), described(waiting.get(30, TimeUnit.SECONDS)));
    }
}
