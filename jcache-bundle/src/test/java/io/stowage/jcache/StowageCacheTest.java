package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.KeyTtl;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

/** Caches as Stowage stores, through the provider on an embedded kernel. */
class StowageCacheTest {

    private final List<StowageCachingProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(StowageCachingProvider::close);
    }

    @Test
    void aCacheIsAStoreNamedAfterItInTheConfiguredNamespace() {
        CacheManager manager = provider("stowage:memory", "com.acme.app").getCacheManager();
        Cache<String, String> users = manager.createCache("users", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.HOURS, 1))));
        users.put("user:1", "alice");

        Store store = users.unwrap(Store.class);
        assertEquals("com.acme.app", store.namespace());
        assertEquals("users", store.name());
        assertNotNull(store.get("s:user:1"));
        KeyTtl ttl = store.ttl("s:user:1");
        assertTrue(ttl.expires() && ttl.remaining().compareTo(java.time.Duration.ofMinutes(59)) > 0, ttl.toString());
        assertEquals(List.of("users"), manager.unwrap(StorageService.class).storeNames());
    }

    @Test
    void lmdbCachesKeepTheirEntriesAcrossARestartUntilDestroyed(@TempDir Path folder) {
        String uri = "stowage:lmdb?path=" + folder;
        Cache<Long, String> before = provider(uri, "jcache").getCacheManager().createCache("orders",
                new MutableConfiguration<Long, String>().setTypes(Long.class, String.class));
        before.put(1L, "one");
        providers.remove(0).close();

        CacheManager manager = provider(uri, "jcache").getCacheManager();
        Cache<Long, String> after = manager.createCache("orders",
                new MutableConfiguration<Long, String>().setTypes(Long.class, String.class));
        assertEquals("one", after.get(1L));
        manager.destroyCache("orders");
        assertTrue(after.isClosed());
        assertNull(manager.createCache("orders", new MutableConfiguration<Long, String>()).get(1L));
    }

    @Test
    void entryProcessorsAreAtomicUnderConcurrentUpdates() throws InterruptedException {
        Cache<String, Long> counters = provider("stowage:memory", "jcache").getCacheManager()
                .createCache("counters", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        Runnable increments = () -> {
            for (int i = 0; i < 200; i++) {
                counters.invoke("hits", (entry, arguments) -> {
                    entry.setValue(entry.exists() ? entry.getValue() + 1 : 1L);
                    return null;
                });
            }
        };
        Thread one = new Thread(increments);
        Thread two = new Thread(increments);
        one.start();
        two.start();
        one.join();
        two.join();
        assertEquals(400L, counters.get("hits"));
    }

    @Test
    void aSynchronousListenerHasSeenTheOldValueWhenThePutReturns() {
        Cache<String, String> cache = provider("stowage:memory", "jcache").getCacheManager()
                .createCache("listened", new MutableConfiguration<String, String>());
        List<String> seen = new ArrayList<>();
        CacheEntryUpdatedListener<String, String> listener = events -> {
            for (CacheEntryEvent<? extends String, ? extends String> event : events) {
                seen.add(event.getOldValue() + "->" + event.getValue());
            }
        };
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<String, String>(
                new SingletonFactory(listener), null, true, true));
        cache.put("k", "a");
        cache.put("k", "b");
        assertEquals(List.of("a->b"), seen);
    }

    @Test
    void statisticsArePublishedUnderTheStandardName() throws Exception {
        CacheManager manager = provider("stowage:memory", "jcache").getCacheManager();
        Cache<String, String> cache = manager.createCache("counted",
                new MutableConfiguration<String, String>().setStatisticsEnabled(true));
        cache.put("k", "v");
        cache.get("k");
        cache.get("missing");
        ObjectName name = new ObjectName("javax.cache:type=CacheStatistics,CacheManager=stowage.memory,Cache=counted");
        assertEquals(1L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "CacheHits"));
        assertEquals(1L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "CacheMisses"));
        cache.close();
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
    }

    @Test
    void aValueOfAClassOutsideTheAllowListIsNeverDeserialized() {
        Cache<String, Object> cache = provider("stowage:memory", "jcache").getCacheManager()
                .createCache("objects", new MutableConfiguration<String, Object>());
        cache.put("point", new SerializationCodecTest.Point(1, 2));
        CacheException refused = assertThrows(CacheException.class, () -> cache.get("point"));
        assertTrue(refused.getMessage().contains(CacheSettings.SERIAL_ALLOW), refused.getMessage());
        cache.put("list", new ArrayList<>(List.of(1, 2)));
        assertEquals(List.of(1, 2), cache.get("list"));
    }

    /** Hands out one listener, so the test can keep a reference to what it saw. */
    private record SingletonFactory(CacheEntryUpdatedListener<String, String> listener)
            implements javax.cache.configuration.Factory<CacheEntryUpdatedListener<String, String>> {

        private static final long serialVersionUID = 1L;

        @Override
        public CacheEntryUpdatedListener<String, String> create() {
            return listener;
        }
    }

    /** A destroy closes the loader only after a load in the background ended, and clears what it stored. */
    @Test
    void destroyingACacheWaitsForItsBackgroundLoadBeforeClosingTheLoader() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        BlockingLoader loader = new BlockingLoader(entered, release, events);
        CacheManager manager = provider("stowage:memory", "jcache").getCacheManager();
        Cache<String, String> cache = manager.createCache("loaded", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setCacheLoaderFactory((Factory<CacheLoader<String, String>>) () -> loader));
        cache.loadAll(Set.of("a", "b"), false, null);
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        Thread destroying = new Thread(() -> manager.destroyCache("loaded"));
        destroying.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (destroying.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(destroying.isAlive(), "the destroy returned while the load still ran");
            assertTrue(System.nanoTime() < deadline, "the destroy never waited: " + destroying.getState());
            Thread.onSpinWait();
        }
        assertEquals(List.of(), events, "nothing closed while the load runs");
        release.countDown();
        destroying.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(destroying.isAlive());
        assertEquals(List.of("loaded", "closed"), events);
        Cache<String, String> again = manager.createCache("loaded", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        assertNull(again.get("a"), "the store was cleared after the load stored into it");
    }

    private static final class BlockingLoader implements CacheLoader<String, String>, Closeable {

        private final CountDownLatch entered;
        private final CountDownLatch release;
        private final List<String> events;

        BlockingLoader(CountDownLatch entered, CountDownLatch release, List<String> events) {
            this.entered = entered;
            this.release = release;
            this.events = events;
        }

        @Override
        public String load(String key) {
            return key.toUpperCase(Locale.ROOT);
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, String> loaded = new HashMap<>();
            keys.forEach(key -> loaded.put(key, load(key)));
            events.add("loaded");
            return loaded;
        }

        @Override
        public void close() {
            events.add("closed");
        }
    }

    private StowageCachingProvider provider(String uri, String namespace) {
        Properties settings = new Properties();
        settings.setProperty(EmbeddedStowage.URI, uri);
        settings.setProperty(EmbeddedStowage.NAMESPACE, namespace);
        StowageCachingProvider provider = new StowageCachingProvider(new EmbeddedStowage(settings));
        providers.add(provider);
        return provider;
    }
}
