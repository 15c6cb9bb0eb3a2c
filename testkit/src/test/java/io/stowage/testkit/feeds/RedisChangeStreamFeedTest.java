package io.stowage.testkit.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.ChangeFeed;
import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.KernelSettings;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.transforms.XorTransform;
import io.stowage.testlog.Loggers;

/**
 * Feeds on a Redis configuration that keeps change streams, across two runtimes (kernels) sharing one redis-server:
 * runtime B's feed sees every write of runtime A exactly once, in the stream's order, with values; resumes after a
 * restart of B from its saved position without gap or duplicate; gets the gap signal for a position the stream no
 * longer holds; and its follower thread ends with the feed's log and with the kernel.
 */
class RedisChangeStreamFeedTest {

    private static final String APP = "com.acme.app";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path folder;
    private static RedisServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServer.start(folder.resolve("redis"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        server.command("FLUSHALL");
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RedisBackend backend(String client, int streamLength) {
        RedisBackend backend = RedisBackend.outsideFramework("streams", server.host(), server.port(), client,
                streamLength, true, Loggers.silent());
        opened.add(backend::close);
        return backend;
    }

    private EmbeddedKernel kernel(RedisBackend backend, long retentionMillis) {
        EmbeddedKernel kernel = new EmbeddedKernel(backend, "redis", new KernelSettings("default", 2_000,
                EmbeddedKernel.DEFAULT_SWEEP_INTERVAL_MILLIS, 2_000, 10, 2, 1_000, retentionMillis),
                System::currentTimeMillis, Loggers.silent());
        opened.add(kernel);
        return kernel;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Polls until {@code count} events came (failing on a gap or after the wait), and no more within a moment. */
    private static List<StoreEvent> take(ChangeFeed feed, int count) throws InterruptedException {
        List<StoreEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                fail("got " + events.size() + " of " + count + " changes within " + WAIT);
            }
            events.addAll(feed.poll(1000, Duration.ofMillis(200)));
        }
        events.addAll(feed.poll(1000, Duration.ofMillis(300)));
        return events;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** The backend key of a key of the store "listened": its prefix in the backend's directory, then the key. */
    private static byte[] rawKeyOf(RedisBackend backend, String key) {
        byte[] prefix = io.stowage.kernel.store.StoreDirectory.prefixOf(backend, APP, "listened");
        byte[] raw = java.util.Arrays.copyOf(prefix, prefix.length + key.length());
        System.arraycopy(bytes(key), 0, raw, prefix.length, key.length());
        return raw;
    }

    private static boolean followerRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("stowage-change-stream-") && t.isAlive());
    }

    /** Each key's value in the order of the events, checking positions increase and nothing comes twice. */
    private static Map<String, List<String>> byKey(List<StoreEvent> events) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        long last = -1;
        for (StoreEvent event : events) {
            assertTrue(event.position() > last, "positions increase: " + event);
            last = event.position();
            byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event.kind() == ChangeKind.PUT
                    ? new String(event.value(), UTF_8) : "deleted");
        }
        return byKey;
    }

    @Test
    void anotherRuntimeSeesEveryWriteOnceInOrderAndResumesAfterARestart() throws Exception {
        RedisBackend a = backend("jedis", 10_000);
        RedisBackend b = backend("lettuce", 10_000);
        Store writer = kernel(a, 600_000).namespace(APP).store("orders");
        writer.put("before", bytes("0"));
        EmbeddedKernel runtimeB = kernel(b, 600_000);
        ChangeFeed feed = runtimeB.namespace(APP).store("orders").watch("*", ChangeFeed.NOW, true);

        int perThread = 150;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String thread = "t" + t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.put(thread + "-" + (i % 10), bytes(Integer.toString(i)));
                    if (i % 10 == 9) {
                        writer.delete(thread + "-0");
                    }
                }
            }));
        }
        for (CompletableFuture<Void> done : writers) {
            done.get(60, TimeUnit.SECONDS);
        }
        int expected = 2 * (perThread + perThread / 10);
        List<StoreEvent> seen = take(feed, expected);
        assertEquals(expected, seen.size(), "each change exactly once");
        Map<String, List<String>> byKey = byKey(seen);
        for (int t = 0; t < 2; t++) {
            List<String> key1 = new ArrayList<>();
            for (int i = 1; i < perThread; i += 10) {
                key1.add(Integer.toString(i));
            }
            assertEquals(key1, byKey.get("t" + t + "-1"), "each key's changes in the writer's order");
            assertEquals("deleted", byKey.get("t" + t + "-0").get(byKey.get("t" + t + "-0").size() - 1));
        }
        assertFalse(byKey.containsKey("before"), "a feed from NOW starts after what was written before");

        // B stops; A writes on; B starts again from where its feed was
        long saved = feed.nextPosition();
        assertEquals(seen.get(seen.size() - 1).position() + 1, saved);
        runtimeB.close();
        for (int i = 0; i < 20; i++) {
            writer.put("later-" + i, bytes("v" + i));
        }
        ChangeFeed resumed = kernel(b, 600_000).namespace(APP).store("orders").watch("*", saved, true);
        List<StoreEvent> after = take(resumed, 20);
        assertEquals(20, after.size(), "no duplicate after the restart");
        for (int i = 0; i < 20; i++) {
            assertEquals("later-" + i, after.get(i).key());
            assertEquals("v" + i, new String(after.get(i).value(), UTF_8));
        }
        assertTrue(after.get(0).position() >= saved);
    }

    @Test
    void aPositionTheStreamNoLongerHoldsGetsTheGapSignal() throws Exception {
        RedisBackend a = backend("jedis", 10);
        Store writer = kernel(a, 600_000).namespace(APP).store("trimmed");
        writer.put("first", bytes("1"));
        EmbeddedKernel reader = kernel(a, 600_000);
        ChangeFeed feed = reader.namespace(APP).store("trimmed").watch("*", ChangeFeed.NOW, false);
        long early = feed.nextPosition();
        feed.close();
        reader.close();
        for (int i = 0; i < 500; i++) {
            writer.put("k" + i, bytes("v"));
        }
        ChangeFeed late = kernel(a, 600_000).namespace(APP).store("trimmed").watch("*", early, false);
        FeedOverflowException gap = assertThrows(FeedOverflowException.class, () -> late.poll(10, Duration.ZERO));
        assertEquals(early, gap.gap().missedFrom());
        List<StoreEvent> rest = take(late, 1);
        assertEquals("k499", rest.get(rest.size() - 1).key(), "goes on from the oldest change the stream holds");
    }

    @Test
    void listenersOfAnotherRuntimeGetTheWrites() throws Exception {
        RedisBackend a = backend("lettuce", 1_000);
        RedisBackend b = backend("jedis", 1_000);
        // Values go through a transform: the stream holds what Redis holds, and B decodes it as its reads would
        EmbeddedKernel runtimeA = kernel(a, 600_000);
        runtimeA.addTransform(new XorTransform(), "1.0.0");
        runtimeA.routeThrough(APP, "listened", "xor", 0);
        Store writer = runtimeA.namespace(APP).store("listened");
        EmbeddedKernel runtimeB = kernel(b, 600_000);
        runtimeB.addTransform(new XorTransform(), "1.0.0");
        runtimeB.namespace(APP).store("listened");
        List<StoreEvent> heard = new CopyOnWriteArrayList<>();
        List<FeedGap> gaps = new CopyOnWriteArrayList<>();
        StoreListener listener = new StoreListener() {
            @Override
            public void changed(StoreEvent event) {
                heard.add(event);
            }

            @Override
            public void missed(FeedGap gap) {
                gaps.add(gap);
            }
        };
        runtimeB.addListener(APP, listener, Map.of(StoreListener.STORE, "listened", StoreListener.VALUES, true));
        for (int i = 0; i < 30; i++) {
            writer.put("k" + i, bytes("v" + i));
        }
        await(() -> heard.size() >= 30, "30 changes heard, got " + heard.size());
        assertEquals(30, heard.size());
        assertEquals("v29", new String(heard.get(29).value(), UTF_8));
        assertFalse(new String(a.get(rawKeyOf(a, "k29")), java.nio.charset.StandardCharsets.ISO_8859_1).contains("v29"),
                "the value is stored (and streamed) transformed");
        assertEquals(List.of(), gaps);
        runtimeB.removeListener(listener);
    }

    @Test
    void theFollowerEndsWithTheLogAndWithTheKernel() throws Exception {
        RedisBackend a = backend("jedis", 100);
        EmbeddedKernel dropping = kernel(a, 0);
        ChangeFeed feed = dropping.namespace(APP).store("followed").watch("*", ChangeFeed.NOW, false);
        assertTrue(followerRuns());
        feed.close();
        await(() -> !followerRuns(), "the follower ends once the log is dropped");

        EmbeddedKernel keeping = kernel(a, 600_000);
        ChangeFeed kept = keeping.namespace(APP).store("followed").watch("*", ChangeFeed.NOW, false);
        kept.close();
        assertTrue(followerRuns(), "a log kept for its retention goes on following");
        keeping.close();
        assertFalse(followerRuns(), "the kernel's close joins its followers");
    }
}
