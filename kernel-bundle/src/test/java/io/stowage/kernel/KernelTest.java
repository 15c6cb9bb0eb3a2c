package io.stowage.kernel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageFullException;
import io.stowage.api.Store;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.kernel.store.StoreCatalog;
import io.stowage.storage.memory.MemoryBackend;

class KernelTest {

    @Test
    void namespacesNeverSeeEachOthersKeys() {
        try (KernelHarness harness = new KernelHarness()) {
            Store a = harness.namespace("bundle.a").store("s");
            Store b = harness.namespace("bundle.a.b").store("s");
            a.put("k", "a".getBytes(UTF_8));
            b.put("k", "b".getBytes(UTF_8));
            assertEquals("a", new String(a.get("k"), UTF_8));
            assertEquals(List.of("k"), a.keys("*", 10).items());
            assertEquals(1, a.scan(null, null, 10).items().size());
            a.clear();
            assertEquals("b", new String(b.get("k"), UTF_8));
            assertEquals(List.of("bundle.a.b"), harness.kernel.namespaces());
        }
    }

    @Test
    void operationWithoutBackendWaitsThenFailsNamingTheConfiguration() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.unbind("default");
            Store store = harness.namespace("app").store("s");
            long start = System.nanoTime();
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> store.get("k"));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(190).toNanos());
            assertTrue(e.getMessage().contains("'default'"), e.getMessage());
        }
    }

    @Test
    void operationWaitingForABackendCompletesWhenOneIsBound() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 5_000, 3_600_000));
            Store store = harness.namespace("app").store("s");
            store.put("k", "v".getBytes(UTF_8));
            harness.kernel.unbind("default");
            Thread caller = Thread.currentThread();
            Thread rebinder = new Thread(() -> {
                awaitWaiting(caller);
                harness.kernel.bind("default", new BoundBackend(harness.backend, "memory", "1.0.0"));
            });
            rebinder.start();
            assertEquals("v", new String(store.get("k"), UTF_8));
            rebinder.join();
        }
    }

    @Test
    void anOperationArrivingWhileItsBackendIsRetiredRunsOnTheSuccessor() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 5_000, 3_600_000));
            Store store = harness.namespace("app").store("s");
            store.put("before", "old".getBytes(UTF_8));
            BoundBackend retiring = harness.kernel.slot("default").current();
            harness.kernel.unbind("default", harness.backend);
            assertTrue(retiring.close(1_000));
            MemoryBackend successor = KernelHarness.memoryBackend("successor", 100);
            Thread caller = Thread.currentThread();
            Thread binder = new Thread(() -> {
                awaitWaiting(caller);
                harness.kernel.bind("default", new BoundBackend(successor, "memory", "1.1.0"));
            });
            binder.start();
            store.put("after", "new".getBytes(UTF_8));
            binder.join();
            assertEquals("new", new String(store.get("after"), UTF_8));
            assertNull(store.get("before"), "the successor was not handed the old data in this test");
            assertEquals(0, retiring.running());
        }
    }

    @Test
    void dataOfAnUnknownFormatIsRefusedAndLeftUntouched() {
        try (KernelHarness harness = new KernelHarness()) {
            MemoryBackend foreign = KernelHarness.memoryBackend("foreign", 100);
            foreign.put(Kernel.FORMAT_KEY.clone(), "99".getBytes(UTF_8), 0);
            assertFalse(harness.kernel.bind("other", new BoundBackend(foreign, "memory", "1.0.0")));
            harness.kernel.updateRules(List.of(new RouteRule("app", "old", "other")));
            Store store = harness.namespace("app").store("old");
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> store.get("k"));
            assertTrue(e.getMessage().contains("format '99'"), e.getMessage());
            assertEquals("99", new String(foreign.get(Kernel.FORMAT_KEY), UTF_8));
        }
    }

    @Test
    void endingAnOldInstanceNeverUnbindsItsSuccessor() {
        try (KernelHarness harness = new KernelHarness()) {
            MemoryBackend successor = KernelHarness.memoryBackend("successor", 100);
            harness.kernel.bind("default", new BoundBackend(successor, "memory", "1.1.0"));
            harness.kernel.unbind("default", harness.backend);
            assertEquals(successor, harness.kernel.slot("default").current().backend());
            harness.kernel.unbind("default", successor);
            assertNull(harness.kernel.slot("default").current());
        }
    }

    @Test
    void mostSpecificRouteWins() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateRules(List.of(new RouteRule("*", "cache", "fast"),
                    new RouteRule("app", "*", "app-data"), new RouteRule("app", "cache", "app-cache")));
            assertEquals("app-cache", harness.kernel.configurationFor("app", "cache"));
            assertEquals("app-data", harness.kernel.configurationFor("app", "other"));
            assertEquals("fast", harness.kernel.configurationFor("lib", "cache"));
            assertEquals("default", harness.kernel.configurationFor("lib", "other"));
        }
    }

    @Test
    void sweeperRemovesOnlyExpiredEntriesAndStopsOnClose() {
        KernelHarness harness = new KernelHarness();
        Store store = harness.namespace("app").store("s");
        store.put("short", new byte[] {1}, Duration.ofSeconds(1));
        store.put("long", new byte[] {2}, Duration.ofHours(1));
        store.put("forever", new byte[] {3});
        harness.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, harness.kernel.sweepExpired());
        assertNull(harness.backend.get(KeyCodec.encode(StoreDirectory.prefixOf(harness.backend, "app", "s"), "short", "x")));
        assertEquals(2, store.count());
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("stowage-expiry-sweeper")));
        harness.close();
        assertTrue(harness.kernel.isSweeperStopped());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("stowage-expiry-sweeper") && t.isAlive()));
    }

    @Test
    void fullBackendRefusesNewKeysButKeepsServing() {
        try (KernelHarness harness = new KernelHarness(6)) {
            Store store = harness.namespace("app").store("s");
            // The kernel's format marker, the store's directory entry and the directory's counter take three keys
            store.put("a", new byte[] {1});
            store.put("b", new byte[] {1});
            store.put("c", new byte[] {1});
            StorageFullException e = assertThrows(StorageFullException.class, () -> store.put("d", new byte[] {1}));
            assertTrue(e.getMessage().contains("6 keys"), e.getMessage());
            store.put("a", new byte[] {2});
            assertEquals(2, store.get("a")[0]);
            assertTrue(store.delete("b"));
            store.put("d", new byte[] {1});
            assertEquals(3, store.count());
        }
    }

    @Test
    void storesListsOnlyStoresHoldingData() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.namespace("app").store("empty");
            harness.namespace("app").store("full").put("k", new byte[0]);
            harness.namespace("lib").store("x").put("k", new byte[0]);
            assertEquals(List.of("full"), harness.namespace("app").storeNames());
            assertEquals(List.of("app/full", "lib/x"),
                    harness.kernel.stores(null).stream().map(StoreCatalog.StoreId::label).toList());
        }
    }

    @Test
    void releasedServiceClosesItsHandles() {
        try (KernelHarness harness = new KernelHarness()) {
            NamespaceService service = harness.namespace("app");
            Store store = service.store("s");
            service.release();
            assertThrows(io.stowage.api.StoreClosedException.class, () -> store.get("k"));
            assertThrows(io.stowage.api.StoreClosedException.class, () -> service.store("s"));
        }
    }

    /** Returns once the thread waits with a timeout (for a backend to be bound), or after 5 s. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }
}
