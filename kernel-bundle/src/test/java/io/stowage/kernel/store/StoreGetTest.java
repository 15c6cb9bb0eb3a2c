package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.kernel.KernelHarness;
import io.stowage.spi.StorageBackend;

/** A store's get reads the stored envelope in place on the backend and copies only the value, once. */
class StoreGetTest {

    @Test
    void aGetReadsTheEnvelopeInPlaceAndReturnsAFreshCopyOfTheValue() {
        try (KernelHarness harness = new KernelHarness()) {
            List<String> calls = new CopyOnWriteArrayList<>();
            harness.kernel.unbind("default");
            harness.kernel.bind("default", new BoundBackend(recording(harness.backend, calls), "memory", "1.0.0"));
            Store store = harness.namespace("app").store("s");
            store.put("k", "value".getBytes(UTF_8));
            calls.clear();
            byte[] first = store.get("k");
            assertEquals(List.of("get(key, reader)"), calls, "the backend calls of one get");
            assertArrayEquals("value".getBytes(UTF_8), first);
            first[0] = 'X';
            byte[] second = store.get("k");
            assertNotSame(first, second);
            assertArrayEquals("value".getBytes(UTF_8), second, "a caller's change reached the stored value");
            assertNull(store.get("absent"));
        }
    }

    @Test
    void anExpiredEntryIsAbsentFromItsExpiryOn() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            store.put("k", "v".getBytes(UTF_8), Duration.ofSeconds(2));
            harness.clock.advance(Duration.ofMillis(1_999));
            assertArrayEquals("v".getBytes(UTF_8), store.get("k"));
            harness.clock.advance(Duration.ofMillis(1));
            assertNull(store.get("k"));
        }
    }

    @Test
    void aValueOfAnUnknownEnvelopeFailsTheGetAsUnsupportedFormat() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            byte[] raw = KeyCodec.encode(StoreDirectory.prefixOf(harness.backend, "app", "s"), "k", "app/s");
            harness.backend.put(raw, new byte[] {7, 1}, 0);
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> store.get("k"));
            assertTrue(e.getMessage().contains("unknown envelope (header byte 0x07)"), e.getMessage());
        }
    }

    /** The backend, recording which form of get each call used. */
    private static StorageBackend recording(StorageBackend backend, List<String> calls) {
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        calls.add(args.length == 1 ? "get(key)" : "get(key, reader)");
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
