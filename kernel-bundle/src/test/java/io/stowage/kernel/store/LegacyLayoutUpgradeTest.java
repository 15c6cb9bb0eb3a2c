package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelSettings;
import io.stowage.kernel.ManualClock;
import io.stowage.spi.BackendEntry;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * Data written in format 1 ({@code namespace 0x00 store 0x00 key}), built here with that layout's encoding, is
 * readable after the kernel binds its backend, and nothing of the old layout is left.
 */
class LegacyLayoutUpgradeTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void aFormatOneBackendIsUpgradedWhenBoundAndServesEveryLiveEntry() {
        MemoryBackend backend = formatOne();
        for (int i = 0; i < 2500; i++) {
            putLegacy(backend, "app", "users", String.format("user:%04d", i), "u" + i, ValueEnvelope.NO_EXPIRY);
        }
        putLegacy(backend, "app", "sessions", "s1", "live", clock.getAsLong() + 60_000);
        putLegacy(backend, "app", "sessions", "s2", "gone", clock.getAsLong() - 1);
        putLegacy(backend, "other.bundle", "users", "user:0001", "not app's", ValueEnvelope.NO_EXPIRY);

        try (Kernel kernel = kernelOn(backend)) {
            Store users = kernel.open("app", "users", null);
            assertEquals("u17", new String(users.get("user:0017"), UTF_8));
            assertEquals(2500, users.count());
            assertEquals(List.of("user:0100", "user:0101"), users.keys("user:010?", 2, null).items());
            Store sessions = kernel.open("app", "sessions", null);
            assertEquals("live", new String(sessions.get("s1"), UTF_8));
            assertTrue(sessions.ttl("s1").remaining().compareTo(Duration.ofSeconds(59)) > 0, "expiry kept");
            assertNull(sessions.get("s2"));
            assertEquals("not app's", new String(kernel.open("other.bundle", "users", null).get("user:0001"), UTF_8));
            assertEquals("2", new String(backend.get(Kernel.FORMAT_KEY), UTF_8));
            assertEquals(List.of(), backend.scan(new byte[] {'0'}, null, 10), "no key of the old layout is left");
            assertEquals(List.of("app/sessions", "app/users", "other.bundle/users"), kernel.stores(null).stream()
                    .map(StoreCatalog.StoreId::label).toList());
        }
    }

    /** An upgrade that stopped after moving some entries (their old keys still there) finishes on the next bind. */
    @Test
    void anInterruptedUpgradeIsFinishedByTheNextBind() {
        MemoryBackend backend = formatOne();
        for (int i = 0; i < 10; i++) {
            putLegacy(backend, "app", "s", "k" + i, "v" + i, ValueEnvelope.NO_EXPIRY);
        }
        byte[] prefix = StoreDirectory.prefixOf(backend, "app", "s");
        for (int i = 0; i < 4; i++) {
            backend.put(KeyCodec.concat(prefix, ("k" + i).getBytes(UTF_8)),
                    ValueEnvelope.wrap(("v" + i).getBytes(UTF_8), ValueEnvelope.NO_EXPIRY), ValueEnvelope.NO_EXPIRY);
        }
        try (Kernel kernel = kernelOn(backend)) {
            Store store = kernel.open("app", "s", null);
            assertEquals(10, store.count());
            for (int i = 0; i < 10; i++) {
                assertEquals("v" + i, new String(store.get("k" + i), UTF_8));
            }
            List<BackendEntry> all = backend.scan(KeyCodec.FIRST_STORE_KEY, null, 100);
            assertEquals(10, all.size(), "each entry once, under the new prefix");
        }
    }

    private MemoryBackend formatOne() {
        MemoryBackend backend = MemoryBackend.outsideFramework("legacy", 1_000_000, Loggers.silent());
        backend.put(Kernel.FORMAT_KEY.clone(), "1".getBytes(UTF_8), 0);
        return backend;
    }

    private Kernel kernelOn(MemoryBackend backend) {
        Kernel kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), clock, Loggers.silent());
        assertTrue(kernel.bind("default", new BoundBackend(backend, "memory", "1.0.0")));
        return kernel;
    }

    /** Format 1's key: namespace 0x00 store 0x00 key, all UTF-8; its value is the envelope, as today's. */
    private static void putLegacy(MemoryBackend backend, String namespace, String store, String key, String value,
            long expiresAt) {
        byte[] legacyKey = (namespace + "\0" + store + "\0" + key).getBytes(UTF_8);
        backend.put(legacyKey, ValueEnvelope.wrap(value.getBytes(UTF_8), expiresAt), expiresAt);
    }
}
