package io.stowage.jcache.osgi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheStatisticsMXBean;

import io.stowage.admin.CacheStatistics;
import io.stowage.admin.CacheStatisticsSource;
import io.stowage.admin.StoreId;
import io.stowage.api.Store;
import io.stowage.jcache.StowageCachingProvider;

/**
 * The caches of the providers this bundle's service handed out and of those {@code Caching} made
 * ({@link CachingMadeProviders}), for operator tools ({@code stowage:stores},
 * {@code stowage:stats}) through the operator API's whiteboard: each with its store and its JSR-107 statistics.
 */
final class OpenCaches implements CacheStatisticsSource {

    private final Set<StowageCachingProvider> providers = ConcurrentHashMap.newKeySet();

    void add(StowageCachingProvider provider) {
        providers.add(provider);
    }

    void remove(StowageCachingProvider provider) {
        providers.remove(provider);
    }

    @Override
    public List<CacheStatistics> cacheStatistics() {
        List<CacheStatistics> caches = new ArrayList<>();
        Set<StowageCachingProvider> all = new HashSet<>(providers);
        all.addAll(CachingMadeProviders.open());
        for (StowageCachingProvider provider : all) {
            for (CacheManager manager : provider.openCacheManagers()) {
                try {
                    for (String name : manager.getCacheNames()) {
                        Cache<?, ?> cache = manager.getCache(name);
                        if (cache != null && !cache.isClosed()) {
                            caches.add(statistics(manager, cache));
                        }
                    }
                } catch (IllegalStateException closed) {
                    // The manager closed while it was listed: its caches are gone
                }
            }
        }
        return caches;
    }

    private static CacheStatistics statistics(CacheManager manager, Cache<?, ?> cache) {
        Store store = cache.unwrap(Store.class);
        CacheStatisticsMXBean counts = cache.unwrap(CacheStatisticsMXBean.class);
        @SuppressWarnings("unchecked")
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        return new CacheStatistics(new StoreId(store.namespace(), store.name()), cache.getName(),
                manager.getURI().toString(), configuration.isStatisticsEnabled(), counts.getCacheHits(),
                counts.getCacheMisses(), counts.getCacheGets(), counts.getCachePuts(), counts.getCacheRemovals(),
                counts.getCacheEvictions(), counts.getAverageGetTime(), counts.getAveragePutTime(),
                counts.getAverageRemoveTime());
    }
}
