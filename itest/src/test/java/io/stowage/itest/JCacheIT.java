package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * The JCache provider in Felix: a bundle gets it as an OSGi service and through {@code javax.cache.Caching}, and
 * either way its caches are stores of its own namespace; a backend update ({@code bundle.update()} of the memory and
 * the LMDB extension) and a {@code stowage:migrate} of a cache's store under a two-thread JCache load fail no
 * operation, lose no acknowledged write and leave the {@code Cache} handle working; expired-entry listeners hear of
 * the kernel's sweep.
 */
public class JCacheIT extends FrameworkProbe {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("cache-api", "jcache-bundle");
    }

    @Test
    public void aBundleCachesThroughTheServiceAndThroughCachingInItsOwnNamespace() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        AppBundles app = PricesApp.bundle("demo.prices");
        Bundle bundle = context.installBundle("test:demo.prices", app.jar());
        bundle.start();
        try {
            ServiceReference<?> reference = AppServices.await(context, log, Supplier.class, "demo.prices", "1.0.0",
                    15_000);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = ((Supplier<Map<String, Object>>) context.getService(reference)).get();
            assertEquals("the price through the service, after the entry processor", 300L, seen.get("service.tea"));
            assertEquals("stowage:bundle:demo.prices", seen.get("service.uri"));
            assertEquals("demo.prices", seen.get("service.namespace"));
            assertEquals("a quote through Caching", 250L, seen.get("caching.coffee"));
            assertEquals("the quote's class from the bundle's own class loader", true,
                    seen.get("caching.coffee.loader"));
            assertEquals("demo.prices", seen.get("caching.namespace"));
            assertEquals("Caching's service loader, through the jcache bundle's class loader", "demo.prices",
                    seen.get("loader.namespace"));
            String refused = (String) seen.get("caching.memory");
            assertTrue(refused, refused.contains("stowage:memory") && refused.contains("store routes"));
            String stores = command("stowage:stores demo.prices");
            assertTrue(stores, stores.contains("demo.prices/prices  (jcache prices)")
                    && stores.contains("demo.prices/quotes  (jcache quotes)"));
            gogoShowsTheCachesStatistics();
        } finally {
            bundle.uninstall();
        }
    }

    /**
     * stowage:stats has a line for the cache the service's provider runs, with its JSR-107 counts (the activator
     * put once, updated once through an entry processor, and read once), and the store's detail adds them; and one
     * for the cache of the provider Caching made (statistics not enabled there).
     */
    private void gogoShowsTheCachesStatistics() {
        String stats = command("stowage:stats");
        String[] quotes = stats.lines().filter(line -> line.startsWith("quotes ")).findFirst()
                .orElseThrow(() -> new AssertionError(stats)).trim().split("\\s+");
        assertEquals(stats, "demo.prices/quotes", quotes[1]);
        assertEquals(stats, "off", quotes[11]);
        String[] row = stats.lines().filter(line -> line.startsWith("prices ")).findFirst()
                .orElseThrow(() -> new AssertionError(stats)).trim().split("\\s+");
        // JCACHE STORE HITS MISSES GETS PUTS REMOVALS EVICTIONS AVG-GET AVG-PUT AVG-REMOVE STATISTICS
        assertEquals(stats, "demo.prices/prices", row[1]);
        assertTrue(stats, Long.parseLong(row[2]) >= 1 && Long.parseLong(row[4]) >= 1);
        assertEquals(stats, "2", row[5]);
        assertEquals(stats, "0", row[7]);
        assertEquals(stats, "on", row[11]);
        String detail = command("stowage:stats demo.prices/prices");
        assertTrue(detail, detail.contains("jcache         prices of cache manager stowage:bundle:demo.prices"));
        assertTrue(detail, detail.contains("cache puts     2, mean "));
    }

    @Test
    public void theServiceGivesTheCallerItsOwnNamespaceAndRefusesOtherUris() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        CachingProvider provider = provider();
        CacheManager manager = provider.getCacheManager();
        String namespace = storage().namespace();
        assertEquals(URI.create("stowage:bundle:" + namespace), manager.getURI());
        assertEquals(namespace, manager.unwrap(StorageService.class).namespace());
        Cache<String, Long> cache = manager.createCache("visits", new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class));
        cache.put("home", 1L);
        assertTrue("the cache's store holds the entry", storage().store("visits").keys("*", 10, null).items()
                .size() == 1);
        assertEquals("visits", cache.unwrap(Store.class).name());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> provider.getCacheManager(URI.create("stowage:lmdb?path=x"), null));
        assertTrue(refused.getMessage(), refused.getMessage().contains("stowage:lmdb?path=x"));
    }

    /**
     * The kernel's sweep reaches an expired-entry listener through the store's change feed, and closing the cache
     * ends the thread that follows it.
     */
    @Test
    public void anExpiredListenerHearsOfTheSweepsExpiriesUntilItsCacheCloses() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.kernelSettings(context, configurations, scr, Map.of("sweepIntervalSeconds", 1L));
        List<String> expired = new CopyOnWriteArrayList<>();
        CacheEntryExpiredListener<String, Long> listener = events -> events.forEach(e -> expired.add(e.getKey()));
        Cache<String, Long> cache = provider().getCacheManager().createCache("sessions",
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 50)))
                        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<String, Long>(
                                () -> listener, null, false, false)));
        cache.put("alice", 1L);
        StowageFramework.await("alice's expiry, swept within a second", 10_000, () -> expired.contains("alice"));
        assertEquals(List.of("alice"), expired);
        cache.close();
        assertTrue("the follower's thread ended with its cache", Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("stowage-jcache-expiries-sessions")));
    }

    @Test
    public void backendUpdatesAndAMigrationUnderJCacheLoadLoseNothing() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.route(context, configurations, "moving", "volatile");
        Cache<String, Long> cache = provider().getCacheManager().createCache("moving",
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        String label = storage().namespace() + "/moving";
        JCacheLoad load = new JCacheLoad(cache);
        try {
            load.awaitProgress("before the memory extension's update", 2_000);
            updateAndRefresh(bundle("io.stowage.storage.memory"));
            load.awaitProgress("after the memory extension's update", 2_000);

            String migrated = command("stowage:migrate " + label + " default");
            assertTrue(migrated, migrated.contains("migrated " + label + " from 'volatile' to 'default'"));
            load.awaitProgress("after the migration to LMDB", 2_000);

            updateAndRefresh(bundle("io.stowage.storage.lmdb"));
            load.awaitProgress("after the LMDB extension's update", 2_000);
        } finally {
            load.close();
        }
        assertEquals("errors under load", List.of(), load.errors());
        assertFalse("the cache handle is open", cache.isClosed());
        List<String> lost = new ArrayList<>();
        load.acknowledged().forEach((key, value) -> {
            if (!value.equals(cache.get(key))) {
                lost.add(key + "=" + value + " reads " + cache.get(key));
            }
        });
        assertEquals("acknowledged writes lost", List.of(), lost);
        String routes = command("stowage:routes");
        assertTrue(routes, routes.contains(label + " -> default"));
    }

    private CachingProvider provider() throws InterruptedException {
        StowageFramework.await("the CachingProvider service", 10_000,
                () -> context.getServiceReference(CachingProvider.class) != null);
        return context.getService(context.getServiceReference(CachingProvider.class));
    }

    private void updateAndRefresh(Bundle bundle) throws Exception {
        bundle.update();
        Revisions.refresh(context, bundle);
    }
}
