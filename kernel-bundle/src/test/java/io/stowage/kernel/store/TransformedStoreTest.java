package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.Store;
import io.stowage.api.TransformUnavailableException;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.routing.StoreRouteConfigurations;
import io.stowage.kernel.transform.ReverseTransform;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformVersion;

/** A store routed through a transform chain, on the memory backend: every value path, missing transforms, refusal. */
class TransformedStoreTest {

    private static final byte[] VALUE = "a value long enough to be transformed".getBytes(UTF_8);

    private final KernelHarness harness = new KernelHarness();
    private final ReverseTransform rev = new ReverseTransform("rev", 1);

    TransformedStoreTest() {
        harness.kernel.transforms().add(rev, TransformVersion.parse("1.0.0"));
        harness.kernel.transforms().add(ReverseTransform.compressing("squeeze"), TransformVersion.parse("1.0.0"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private Store routedThrough(String chain, int minSize) {
        harness.kernel.updateRules(List.of(new RouteRule("app", "s", "default",
                TransformChain.parse("test", chain, minSize))));
        return harness.namespace("app").store("s");
    }

    private KernelStore kernelStore() {
        return harness.kernel.open("app", "s", null);
    }

    @Test
    void everyValuePathStoresTransformedAndReadsDecoded() {
        Store store = routedThrough("rev", 0);
        store.put("a", VALUE);
        store.put("b", VALUE, Duration.ofMinutes(1));
        store.write(Batch.builder().put("c", VALUE).put("d", VALUE, Duration.ofMinutes(1)).build());
        assertTrue(store.putIfAbsent("e", VALUE));
        store.transact(tx -> {
            tx.put("f", VALUE);
            assertArrayEquals(VALUE, tx.get("a"));
            return null;
        });
        List<String> transformed = new java.util.ArrayList<>();
        kernelStore().forEachLive(true, (key, keyBytes, envelope) -> {
            if (ValueEnvelope.isTransformed(envelope)) {
                transformed.add(key);
            }
        });
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), transformed);
        assertArrayEquals(VALUE, store.get("b"));
        Map<String, byte[]> all = store.getAll(List.of("a", "c", "f"));
        all.values().forEach(value -> assertArrayEquals(VALUE, value));
        for (Entry entry : store.scan(null, null, 100, null).items()) {
            assertArrayEquals(VALUE, entry.value(), entry.key());
        }
        assertEquals(3L, (long) store.transact(tx -> tx.scan(null, "d", 100, null).items().stream()
                .filter(entry -> java.util.Arrays.equals(VALUE, entry.value())).count()));
        assertTrue(store.ttl("b").expires());
    }

    @Test
    void compareAndSetComparesDecodedValues() {
        Store store = routedThrough("rev", 0);
        store.put("k", VALUE);
        assertFalse(store.replace("k", "other".getBytes(UTF_8), "x".getBytes(UTF_8)));
        assertTrue(store.replace("k", VALUE, "next".getBytes(UTF_8)));
        assertArrayEquals("next".getBytes(UTF_8), store.get("k"));
    }

    @Test
    void plainValuesAndShortValuesOfACompressingChainStayPlainAndReadable() {
        Store store = routedThrough("squeeze", 64);
        store.put("short", "tiny".getBytes(UTF_8));
        harness.kernel.updateRules(List.of());
        store.put("plain", VALUE);
        routedThrough("rev", 0).put("chained", VALUE);
        harness.kernel.updateRules(List.of());
        kernelStore().forEachLive(true, (key, keyBytes, envelope) ->
                assertEquals(key.equals("chained"), ValueEnvelope.isTransformed(envelope), key));
        assertArrayEquals("tiny".getBytes(UTF_8), store.get("short"));
        assertArrayEquals(VALUE, store.get("plain"));
        assertArrayEquals(VALUE, store.get("chained"));
    }

    @Test
    void aMissingTransformFailsReadsAndWritesAfterTheTimeoutAndBothRecover() {
        Store store = routedThrough("rev", 0);
        store.put("k", VALUE);
        harness.kernel.transforms().remove(rev);
        long started = System.nanoTime();
        TransformUnavailableException read = assertThrows(TransformUnavailableException.class, () -> store.get("k"));
        assertTrue(read.getMessage().contains("store app/s, key 'k'") && read.getMessage().contains("'rev'"),
                read.getMessage());
        assertTrue(System.nanoTime() - started >= 200_000_000L, "reads wait the operation timeout");
        assertThrows(TransformUnavailableException.class, () -> store.scan(null, null, 10, null));
        started = System.nanoTime();
        TransformUnavailableException write = assertThrows(TransformUnavailableException.class,
                () -> store.put("j", VALUE));
        assertTrue(System.nanoTime() - started >= 200_000_000L, "writes wait the operation timeout");
        assertTrue(write.getMessage().contains("transform 'rev' of its chain is not registered"), write.getMessage());
        assertTrue(store.exists("k"));
        assertFalse(store.exists("j"));
        harness.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.1"));
        assertArrayEquals(VALUE, store.get("k"));
        store.put("j", VALUE);
        assertArrayEquals(VALUE, store.get("j"));
    }

    @Test
    void aRouteWhoseTransformsDoNotParseRefusesWritesButReadsGoOn() throws ConfigurationException {
        Store store = routedThrough("rev", 0);
        store.put("k", VALUE);
        StoreRouteConfigurations routes = new StoreRouteConfigurations(harness.kernel);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("namespace", "app");
        properties.put("store", "s");
        properties.put("backend", "default");
        properties.put("transforms", "rev(");
        ConfigurationException invalid = assertThrows(ConfigurationException.class,
                () -> routes.updated("io.stowage.store~s", properties));
        assertTrue(invalid.getReason().contains("store route io.stowage.store~s: transforms 'rev(' at position 5"),
                invalid.getReason());
        TransformUnavailableException refused = assertThrows(TransformUnavailableException.class,
                () -> store.put("j", VALUE));
        assertTrue(refused.getMessage().contains("at position 5"), refused.getMessage());
        assertArrayEquals(VALUE, store.get("k"));
        properties.put("transforms", "rev");
        properties.put("transformMinSize", "0");
        routes.updated("io.stowage.store~s", properties);
        store.put("j", VALUE);
        assertArrayEquals(VALUE, store.get("j"));
    }
}
