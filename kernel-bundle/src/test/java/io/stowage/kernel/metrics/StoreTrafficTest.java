package io.stowage.kernel.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Batch;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.admin.StoreContents;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.spi.StorageBackend;

/**
 * What the kernel records per store and per backend configuration: each operation's counts, the key and value bytes
 * as the caller sees them (UTF-8 keys, values without the kernel's envelope), latencies from call to return, and
 * errors; a configuration's figures are those of the stores routed to it, and a rerouted store's stay with the
 * configuration that served them.
 */
class StoreTrafficTest {

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void pointOperationsCountKeysBytesAndLatencies() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("users");
            StoreRoute route = harness.kernel.route("app", "users");
            store.put("ключ", bytes("value")); // 8 UTF-8 bytes of key, 5 of value
            store.put("k2", bytes("vv"), Duration.ofMinutes(1));
            store.get("ключ");
            store.get("absent");
            store.exists("k2");
            store.ttl("k2");
            store.delete("k2");

            TrafficSnapshot s = route.metrics.snapshot();
            assertEquals(4, s.reads());
            assertEquals(1, s.misses());
            assertEquals(2, s.writes());
            assertEquals(1, s.deletes());
            assertEquals(0, s.errors());
            assertEquals(8 + 5 + 2 + 2, s.bytesWritten());
            assertEquals(8 + 5, s.bytesRead(), "only the hit returned bytes");
            assertEquals(4, s.readLatency().count());
            assertEquals(3, s.writeLatency().count(), "two puts and a delete");
            assertTrue(s.readLatency().max() > 0);
            assertEquals(s.reads() + s.writes() + s.deletes() + s.listings(), s.operations());
        }
    }

    @Test
    void batchesCountEachKeyAndTimeTheCallOnce() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("batched");
            StoreRoute route = harness.kernel.route("app", "batched");
            store.write(Batch.builder().put("a", bytes("123")).put("b", bytes("45"), Duration.ofMinutes(1))
                    .delete("c").build());
            store.getAll(List.of("a", "b", "c", "a"));

            TrafficSnapshot s = route.metrics.snapshot();
            assertEquals(3, s.writes(), "every mutation of the batch");
            assertEquals(1 + 3 + 1 + 2, s.bytesWritten(), "the puts' keys and values");
            assertEquals(3, s.reads(), "distinct keys");
            assertEquals(1, s.misses());
            assertEquals(1 + 3 + 1 + 2, s.bytesRead());
            assertEquals(1, s.writeLatency().count());
            assertEquals(1, s.readLatency().count());
        }
    }

    @Test
    void compareAndSetTimesEveryCallButCountsOnlyWrites() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("cas");
            StoreRoute route = harness.kernel.route("app", "cas");
            assertTrue(store.putIfAbsent("k", bytes("1")));
            assertFalse(store.putIfAbsent("k", bytes("2")));
            assertTrue(store.replace("k", bytes("1"), bytes("333")));
            assertFalse(store.replace("k", bytes("1"), bytes("4")));

            TrafficSnapshot s = route.metrics.snapshot();
            assertEquals(2, s.writes());
            assertEquals(1 + 1 + 1 + 3, s.bytesWritten());
            assertEquals(4, s.writeLatency().count());
        }
    }

    @Test
    void listingsAndScansCountWhatTheyReturn() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("listed");
            StoreRoute route = harness.kernel.route("app", "listed");
            store.put("user:1", bytes("alice"));
            store.put("user:2", bytes("bob"));
            store.put("other", bytes("x"));
            long readBefore = route.metrics.snapshot().bytesRead();
            store.keys("user:*", 10, null);
            assertEquals(6 + 6, route.metrics.snapshot().bytesRead() - readBefore, "the keys listed");
            store.scan("user:1", "user:3", 10, null);
            assertEquals(12 + 6 + 5 + 6 + 3, route.metrics.snapshot().bytesRead() - readBefore, "keys and values");
            assertEquals(3, store.count());
            TrafficSnapshot s = route.metrics.snapshot();
            assertEquals(3, s.listings());
            assertEquals(0, s.readLatency().count(), "listings are not point reads");
        }
    }

    @Test
    void measuringAStoreScansItsLiveKeysAndTheirBytes() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("measured");
            store.put("ab", bytes("1234"));
            store.put("ключ", bytes("v"));
            store.put("gone", bytes("zzz"), Duration.ofSeconds(1));
            harness.clock.advance(Duration.ofSeconds(2));
            StoreContents contents = StoreMeasure.of(harness.kernel.open("app", "measured", null));
            assertEquals(2, contents.keys());
            assertEquals(2 + 8, contents.keyBytes());
            assertEquals(4 + 1, contents.valueBytes());
            assertEquals(15, contents.bytes());
        }
    }

    @Test
    void latencyIsTheCallersTimeIncludingTheBackend() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.unbind("default");
            harness.kernel.bind("default", new BoundBackend(slowGets(harness.backend, 20), "memory", "1.0.0"));
            Store store = harness.namespace("app").store("slow");
            store.put("k", bytes("v"));
            for (int i = 0; i < 5; i++) {
                store.get("k");
            }
            TrafficSnapshot s = harness.kernel.route("app", "slow").metrics.snapshot();
            long p50 = s.readLatency().valueAt(0.5);
            assertTrue(p50 >= TimeUnit.MILLISECONDS.toNanos(20) * 15 / 16, "read p50 " + p50 + " ns");
            assertTrue(s.writeLatency().valueAt(0.5) < TimeUnit.MILLISECONDS.toNanos(20), "puts are not slowed");
        }
    }

    @Test
    void failuresCountAsErrorsOfTheStoreAndItsConfiguration() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateRules(List.of(new RouteRule("app", "orphan", "missing")));
            Store store = harness.namespace("app").store("orphan");
            assertThrows(BackendUnavailableException.class, () -> store.get("k"));
            assertThrows(BackendUnavailableException.class, () -> store.put("k", bytes("v")));
            TrafficSnapshot s = harness.kernel.route("app", "orphan").metrics.snapshot();
            assertEquals(2, s.errors());
            assertEquals(0, s.reads());
            assertEquals(0, s.readLatency().count(), "failed operations are counted, not timed");
            assertEquals(2, harness.kernel.slot("missing").snapshot().errors());
            assertEquals(0, harness.kernel.slot("default").snapshot().errors());
        }
    }

    @Test
    void aConfigurationAddsUpItsStoresAndKeepsWhatItServedWhenAStoreMoves() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.bind("second", new BoundBackend(KernelHarness.memoryBackend("second", 1_000), "memory",
                    "1.0.0"));
            Store a = harness.namespace("app").store("a");
            Store b = harness.namespace("app").store("b");
            a.put("k", bytes("1"));
            b.put("k", bytes("22"));
            b.get("k");
            TrafficSnapshot before = harness.kernel.slot("default").snapshot();
            assertEquals(3, before.operations());
            assertEquals(2 + 3, before.bytesWritten());
            assertEquals(2, before.writeLatency().count());

            harness.kernel.updateRules(List.of(new RouteRule("app", "b", "second")));
            b.put("k", bytes("333"));
            b.get("k");

            TrafficSnapshot first = harness.kernel.slot("default").snapshot();
            TrafficSnapshot second = harness.kernel.slot("second").snapshot();
            assertEquals(3, first.operations(), "what default served stays with it");
            assertEquals(2, second.operations());
            assertEquals(1 + 3, second.bytesWritten());
            assertEquals(1, second.readLatency().count());
            TrafficSnapshot store = harness.kernel.route("app", "b").metrics.snapshot();
            assertEquals(2, store.writes(), "the store's figures span both configurations");
            assertEquals(2, store.reads());
            assertEquals(2, store.readLatency().count());
        }
    }

    /**
     * The backend with every {@code get} of a store's key delayed (not of the kernel's metadata, such as the format
     * marker and the store directory): the latency the kernel reports must include it.
     */
    private static StorageBackend slowGets(StorageBackend backend, long millis) {
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    // Both forms of get: a store's get reads in place, with a reader (SPI 1.2)
                    if (method.getName().equals("get") && args != null
                            && ((byte[]) args[0])[0] != KeyCodec.META) {
                        // A slow backend, not a synchronisation: park out the whole delay
                        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
                        for (long left = millis; left > 0; left = until - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
                        }
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
