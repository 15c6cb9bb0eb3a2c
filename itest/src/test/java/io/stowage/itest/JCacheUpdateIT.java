package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.function.BiFunction;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.ObjectName;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A live update of the jcache bundle, as docs/jcache.md describes it: the provider service goes with the old revision,
 * which closes every cache manager and cache it handed out (a closed {@code Cache} refuses calls; its MXBeans are
 * unregistered), and the new revision's service opens the same caches again with their entries, which lived in the
 * stores all along. Update and refresh cycles ({@code stowage.jcache.cycles}, 10 in {@code mvn verify}) leave no old
 * revision's class loader behind.
 */
public class JCacheUpdateIT extends FrameworkProbe {

    private static final int CYCLES = Integer.getInteger("stowage.jcache.cycles", 10);
    private static final String JCACHE = "io.stowage.jcache";

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("cache-api", "jcache-bundle");
    }

    @Test
    public void anUpdateClosesTheManagersAndTheNewRevisionReopensTheirCaches() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        CachingProvider before = provider();
        CacheManager manager = before.getCacheManager();
        Cache<String, Long> cache = manager.createCache("kept", configuration());
        for (long i = 0; i < 100; i++) {
            cache.put("k" + i, i);
        }
        assertEquals("the statistics MXBean while the cache is open", 1, statisticsBeans("kept").size());

        updateAndRefresh(bundle(JCACHE));

        assertTrue("the old revision's manager is closed", manager.isClosed());
        assertTrue("the old revision's cache is closed", cache.isClosed());
        assertThrows(IllegalStateException.class, () -> cache.get("k1"));
        assertEquals("MXBeans of the closed cache", Set.of(), statisticsBeans("kept"));
        CachingProvider after = provider();
        assertNotSame(before, after);
        Cache<String, Long> reopened = after.getCacheManager().createCache("kept", configuration());
        for (long i = 0; i < 100; i++) {
            assertEquals("k" + i + " after the update", Long.valueOf(i), reopened.get("k" + i));
        }
        reopened.getCacheManager().close();
    }

    @Test
    public void theGuidesComponentFindsItsPricesAgainAfterAnUpdate() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        Bundle shop = context.installBundle("test:" + JCacheGuide.SYMBOLIC_NAME, JCacheGuide.bundle().jar());
        try {
            shop.start();
            assertEquals(Long.valueOf(400), priceBook().apply("tea", 400L));

            updateAndRefresh(bundle(JCACHE));

            // SCR deactivates PriceBook with the old service and activates it again on the new one
            Long[] price = {null};
            StowageFramework.await("PriceBook on the new revision's provider", 15_000, () -> {
                BiFunction<String, Long, Long> book = registeredPriceBook();
                try {
                    price[0] = book == null ? null : book.apply("tea", null);
                    return book != null;
                } catch (IllegalStateException closed) {
                    // the old revision's cache, in the moment before SCR deactivates the component
                    return false;
                }
            });
            assertEquals("tea's price after the update", Long.valueOf(400), price[0]);
            String stores = command("stowage:stores " + JCacheGuide.SYMBOLIC_NAME);
            assertTrue(stores, stores.contains("prices"));
        } finally {
            shop.uninstall();
        }
    }

    @Test
    public void updateCyclesLeaveNoClassLoaderBehind() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            useCaches(cycle);
            WeakReference<ClassLoader> old = new WeakReference<>(
                    bundle(JCACHE).adapt(BundleWiring.class).getClassLoader());
            updateAndRefresh(bundle(JCACHE));
            Revisions.awaitCollected("the class loader of the jcache bundle before update " + cycle, old, 20_000);
        }
    }

    /**
     * Uses the provider as an application would, leaving its caches open (with statistics, management and a
     * listener) for the update to close: references to them end with this method.
     */
    private void useCaches(int cycle) throws Exception {
        Cache<String, Long> cache = provider().getCacheManager().createCache("cycle" + cycle, configuration()
                .setManagementEnabled(true));
        cache.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<>(
                javax.cache.configuration.FactoryBuilder.factoryOf(new CountingListener()), null, false, false));
        cache.put("k", (long) cycle);
        assertEquals(Long.valueOf(cycle), cache.get("k"));
    }

    /** The guide's PriceBook, through the test-only component beside it, waiting for it. */
    private BiFunction<String, Long, Long> priceBook() throws InterruptedException {
        StowageFramework.await("the PriceBook probe", 15_000, () -> registeredPriceBook() != null);
        return registeredPriceBook();
    }

    /** The guide's PriceBook as registered now, or null. */
    @SuppressWarnings("unchecked")
    private BiFunction<String, Long, Long> registeredPriceBook() {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(BiFunction.class.getName(),
                    "(" + AppServices.APP + "=" + JCacheGuide.SYMBOLIC_NAME + ")");
            return references == null ? null : (BiFunction<String, Long, Long>) context.getService(references[0]);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static MutableConfiguration<String, Long> configuration() {
        return new MutableConfiguration<String, Long>().setTypes(String.class, Long.class).setStatisticsEnabled(true);
    }

    private CachingProvider provider() throws InterruptedException {
        StowageFramework.await("the CachingProvider service", 10_000,
                () -> context.getServiceReference(CachingProvider.class) != null);
        ServiceReference<CachingProvider> reference = context.getServiceReference(CachingProvider.class);
        return context.getService(reference);
    }

    private void updateAndRefresh(Bundle bundle) throws Exception {
        bundle.update();
        Revisions.refresh(context, bundle);
        assertEquals(JCACHE + " runs again", Bundle.ACTIVE, bundle.getState());
    }

    private static Set<ObjectName> statisticsBeans(String cache) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().queryNames(
                new ObjectName("javax.cache:type=CacheStatistics,Cache=" + cache + ",*"), null);
    }

    /** An asynchronous listener of created entries: its thread must end with its cache. */
    static final class CountingListener implements javax.cache.event.CacheEntryCreatedListener<String, Long>,
            java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void onCreated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            events.forEach(event -> { });
        }
    }
}
