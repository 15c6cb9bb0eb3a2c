package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

import io.stowage.api.Store;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.StorageBackend;

/**
 * An LMDB folder on disk and a Redis server holding data in format 1 (keys {@code namespace 0x00 store 0x00 key}),
 * written here through the backends themselves with that format's encoding while the kernel is stopped, are upgraded
 * when the kernel binds them: every live entry reads back through the Store API, with its expiry, and listings work.
 */
public class FormatUpgradeIT extends FrameworkProbe {

    private static final byte[] FORMAT_KEY = "\0stowage.format".getBytes(UTF_8);
    private static final int ENTRIES = 1500;

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().with(StowageFramework.redisServerForClass());
    }

    @Test
    public void anLmdbFolderAndARedisWrittenInFormatOneServeTheirDataAfterTheUpgrade() throws Exception {
        String namespace = context.getBundle().getSymbolicName();
        Bundle kernel = bundle("io.stowage.kernel");
        kernel.stop();
        Dictionary<String, Object> lmdb = new Hashtable<>();
        lmdb.put("name", "legacy-lmdb");
        lmdb.put("path", "lmdb/legacy-lmdb");
        lmdb.put("mapSizeMiB", 8L);
        writeFormatOne("lmdb", lmdb, namespace, "people");
        Dictionary<String, Object> redis = new Hashtable<>();
        redis.put("name", "legacy-redis");
        redis.put("uris", new String[] {"redis://127.0.0.1:" + context.getProperty("stowage.itest.redis.port")});
        redis.put("keyPrefix", "stowage:legacy-redis:");
        writeFormatOne("redis", redis, namespace, "visits");

        kernel.start();
        ConfigAdminBarriers.factoriesServed(context, "io.stowage.lmdb", "io.stowage.redis");
        StowageFramework.lmdbBackend(configurations, "legacy-lmdb");
        StowageFramework.redisBackend(configurations, "legacy-redis",
                Integer.parseInt(context.getProperty("stowage.itest.redis.port")));
        StowageFramework.route(context, configurations, "people", "legacy-lmdb");
        StowageFramework.route(context, configurations, "visits", "legacy-redis");
        for (String storeName : List.of("people", "visits")) {
            Store store = storage().store(storeName);
            StowageFramework.await(storeName + " upgraded and served", 30_000, () -> {
                try {
                    return store.get("k0007") != null;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            assertEquals(storeName, "v7", new String(store.get("k0007"), UTF_8));
            assertEquals(storeName, ENTRIES + 1, store.count());
            assertEquals(storeName, List.of("k0100", "k0101", "k0102"), store.keys("k010?", 3, null).items());
            assertTrue(storeName, store.ttl("expiring").remaining().compareTo(Duration.ofMinutes(50)) > 0);
            assertNull(storeName, store.get("expired"));
            store.put("new", "after the upgrade".getBytes(UTF_8));
            assertEquals(ENTRIES + 2, store.count());
        }
        String stores = command("stowage:stores");
        assertTrue(stores, stores.contains("people") && stores.contains("visits"));
        assertEquals(List.of(), FrameworkLog.errors(log));
    }

    /** Writes format 1 data through a backend instance of the given type, made directly from its factory. */
    private void writeFormatOne(String type, Dictionary<String, Object> properties, String namespace, String store)
            throws Exception {
        properties.put(BackendFactory.CONFIGURATION_NAME, properties.get("name"));
        ServiceReference<?>[] factories = context.getServiceReferences(ComponentFactory.class.getName(),
                "(&(component.factory=" + BackendFactory.FACTORY + ")(" + BackendFactory.TYPE + "=" + type + "))");
        assertEquals(type, 1, factories.length);
        ComponentFactory<?> factory = (ComponentFactory<?>) context.getService(factories[0]);
        ComponentInstance<?> instance = factory.newInstance(properties);
        try {
            StorageBackend backend = (StorageBackend) instance.getInstance();
            backend.put(FORMAT_KEY.clone(), "1".getBytes(UTF_8), 0);
            for (int i = 0; i < ENTRIES; i++) {
                String key = String.format("k%04d", i);
                backend.put(legacyKey(namespace, store, key), plain("v" + i), 0);
            }
            long inAnHour = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
            backend.put(legacyKey(namespace, store, "expiring"), expiring("soon", inAnHour), inAnHour);
            long past = System.currentTimeMillis() - 1000;
            byte[] expired = legacyKey(namespace, store, "expired");
            backend.put(expired, expiring("gone", past), 0);
        } finally {
            instance.dispose();
        }
    }

    private static byte[] legacyKey(String namespace, String store, String key) {
        return (namespace + "\0" + store + "\0" + key).getBytes(UTF_8);
    }

    /** Format 1's value envelope, unchanged in format 2: 0x00, then the value. */
    private static byte[] plain(String value) {
        byte[] bytes = value.getBytes(UTF_8);
        byte[] envelope = new byte[1 + bytes.length];
        System.arraycopy(bytes, 0, envelope, 1, bytes.length);
        return envelope;
    }

    /** 0x01, the expiry in epoch milliseconds (8 bytes, big endian), then the value. */
    private static byte[] expiring(String value, long expiresAt) {
        byte[] bytes = value.getBytes(UTF_8);
        byte[] envelope = new byte[9 + bytes.length];
        envelope[0] = 1;
        for (int i = 0; i < 8; i++) {
            envelope[1 + i] = (byte) (expiresAt >>> (56 - 8 * i));
        }
        System.arraycopy(bytes, 0, envelope, 9, bytes.length);
        return envelope;
    }
}
